package dev.parley.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Datagrams the kernel dropped because a UDP socket's receive buffer was full, per local port, from
 * the {@code drops} column of /proc/net/udp and /proc/net/udp6 (Linux). Tells whether a loss
 * happened at the server's socket (the server did not read fast enough) or at the members'.
 */
final class ProcUdp {
    private ProcUdp() {
    }

    /** Sum of the drop counters of every UDP socket bound to one of {@code ports}; -1 if unreadable. */
    static long drops(Set<Integer> ports) {
        long sum = 0;
        boolean read = false;
        for (String file : new String[]{"/proc/net/udp", "/proc/net/udp6"}) {
            try {
                for (String line : Files.readAllLines(Path.of(file))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length < 13 || !f[1].contains(":")) {
                        continue;
                    }
                    int port;
                    try {
                        port = Integer.parseInt(f[1].substring(f[1].lastIndexOf(':') + 1), 16);
                    } catch (NumberFormatException e) {
                        continue; // the header line
                    }
                    if (ports.contains(port)) {
                        sum += Long.parseLong(f[f.length - 1]);
                    }
                }
                read = true;
            } catch (IOException | RuntimeException e) {
                // not Linux, or not readable: report nothing
            }
        }
        return read ? sum : -1;
    }
}
