package dev.parley.bench.call;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code --name value} and {@code --flag} command lines, refusing unknown names. */
public final class Args {
    private final Map<String, String> values = new HashMap<>();

    public Args(String[] args, Set<String> valued, Set<String> flags, String usage) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                System.out.println(usage);
                System.exit(0);
            }
            String name = a.startsWith("--") ? a.substring(2) : null;
            if (name != null && flags.contains(name)) {
                values.put(name, "true");
            } else if (name != null && valued.contains(name) && i + 1 < args.length) {
                values.put(name, args[++i]);
            } else {
                System.err.println("unknown or incomplete option " + a + "\n" + usage);
                System.exit(2);
            }
        }
    }

    public int integer(String name, int fallback) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
    }

    public String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public boolean flag(String name) {
        return values.containsKey(name);
    }

    /** A path option, or the newest file matching {@code glob} in {@code dir}. */
    public Path path(String name, Path dir, String glob) {
        if (values.containsKey(name)) {
            return Path.of(values.get(name));
        }
        Path found = Jvm.find(dir, glob);
        if (found == null) {
            System.err.println("no " + dir.resolve(glob) + ": build first (see benchmarks/README.md) or pass --" + name);
            System.exit(2);
        }
        return found;
    }
}
