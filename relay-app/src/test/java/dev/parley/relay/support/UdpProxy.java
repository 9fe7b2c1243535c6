package dev.parley.relay.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A NAT in front of one client: the client talks to {@link #port()}, the proxy talks to the relay
 * from an upstream socket of its own, and {@link #switchTo} moves that to another socket (another
 * source port) mid-call, as a NAT that rebinds does. Whatever the relay sends to any upstream
 * socket goes back to the client.
 */
public final class UdpProxy implements AutoCloseable {
    private final DatagramChannel front;
    private final InetSocketAddress relay;
    private final List<DatagramChannel> upstreams = new CopyOnWriteArrayList<>();
    private final Map<DatagramChannel, AtomicLong> received = new ConcurrentHashMap<>();
    private volatile DatagramChannel upstream;
    private volatile SocketAddress client;

    public UdpProxy(int relayPort) throws IOException {
        this.relay = new InetSocketAddress("127.0.0.1", relayPort);
        this.front = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        this.upstream = newUpstream();
        start("udp-proxy-front", this::clientToRelay);
    }

    /** Where the client connects. */
    public int port() {
        return ((InetSocketAddress) front.socket().getLocalSocketAddress()).getPort();
    }

    /** A new socket towards the relay (not used until {@link #switchTo}); answers on it reach the client. */
    public DatagramChannel newUpstream() throws IOException {
        DatagramChannel u = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        upstreams.add(u);
        received.put(u, new AtomicLong());
        start("udp-proxy-up", () -> relayToClient(u));
        return u;
    }

    /** From now on the client's packets leave from {@code socket}. */
    public void switchTo(DatagramChannel socket) {
        upstream = socket;
    }

    /** The socket the client's packets leave from now. */
    public DatagramChannel upstream() {
        return upstream;
    }

    /** Packets the relay has sent to {@code socket} so far. */
    public long receivedOn(DatagramChannel socket) {
        return received.get(socket).get();
    }

    private static void start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    private void clientToRelay() {
        ByteBuffer b = ByteBuffer.allocate(65536);
        try {
            while (true) {
                b.clear();
                client = front.receive(b);
                b.flip();
                upstream.send(b, relay);
            }
        } catch (ClosedChannelException e) {
            // closed
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void relayToClient(DatagramChannel u) {
        ByteBuffer b = ByteBuffer.allocate(65536);
        try {
            while (true) {
                b.clear();
                u.receive(b);
                b.flip();
                received.get(u).incrementAndGet();
                SocketAddress to = client;
                if (to != null) {
                    front.send(b, to);
                }
            }
        } catch (ClosedChannelException e) {
            // closed
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        front.close();
        for (DatagramChannel u : upstreams) {
            u.close();
        }
    }
}
