package dev.parley.relay.support;

import dev.parley.common.domain.ControlMessage;
import dev.parley.common.domain.Decoded;
import dev.parley.common.domain.ErrorCode;
import dev.parley.common.domain.MemberCard;
import dev.parley.common.domain.RoomId;
import dev.parley.common.quic.CloseReason;
import dev.parley.common.quic.RelayConnection;
import dev.parley.common.wire.ControlCodec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A well-behaved participant for relay tests, on the real client transport. */
public final class TestClient implements AutoCloseable, RelayConnection.Listener {
    public static final Duration WAIT = Duration.ofSeconds(10);

    public final BlockingQueue<ControlMessage> control = new LinkedBlockingQueue<>();
    /** Every control payload exactly as received. */
    public final List<byte[]> rawControl = new CopyOnWriteArrayList<>();
    public final List<byte[]> datagrams = new CopyOnWriteArrayList<>();
    /** Control messages and datagrams together, in the order they arrived. */
    public final List<Object> arrivals = Collections.synchronizedList(new ArrayList<>());
    public final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    public MemberCard card = Messages.card();
    private final RelayConnection connection;
    public long peerId;
    public RoomId room;

    private TestClient(String host, int port, String pin) {
        this.connection = RelayConnection.connect(host, port, Optional.of(pin), this)
                .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    public static TestClient connect(int port, String pin) {
        return new TestClient("127.0.0.1", port, pin);
    }

    /** A client of the relay at {@code host} (one of several loopback addresses in cluster tests). */
    public static TestClient connect(String host, int port, String pin) {
        return new TestClient(host, port, pin);
    }

    public RelayConnection connection() {
        return connection;
    }

    public void send(ControlMessage message) {
        connection.sendControl(ControlCodec.encode(message));
    }

    public void sendRaw(byte[] payload) {
        connection.sendControl(payload);
    }

    public boolean sendDatagram(byte[] datagram) {
        return connection.sendDatagram(datagram);
    }

    /** Hello, Auth with {@code token}, JoinRoom; returns the PeerList. */
    public ControlMessage.PeerList join(RoomId room, String token) {
        send(new ControlMessage.Hello(1, "relay-test"));
        send(new ControlMessage.Auth(token));
        send(new ControlMessage.JoinRoom(room, card));
        ControlMessage.PeerList list = expect(ControlMessage.PeerList.class);
        this.peerId = list.yourPeerId().value();
        this.room = room;
        return list;
    }

    public ControlMessage.PeerList join(RoomId room) {
        return join(room, "");
    }

    /** Hello, Auth with {@code token}, JoinRoom, expecting a Redirect (PROTOCOL.md section 10). */
    public ControlMessage.Redirect joinExpectingRedirect(RoomId room, String token) {
        send(new ControlMessage.Hello(1, "relay-test"));
        send(new ControlMessage.Auth(token));
        send(new ControlMessage.JoinRoom(room, card));
        return expect(ControlMessage.Redirect.class);
    }

    /** The next control message, which must be of {@code type}. */
    public <T extends ControlMessage> T expect(Class<T> type) {
        ControlMessage m;
        try {
            m = control.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        assertThat(m).as("expected a %s", type.getSimpleName()).isInstanceOf(type);
        return type.cast(m);
    }

    /** The next message is Error {@code code}, and the relay then closes the connection promptly. */
    public ControlMessage.Error expectErrorAndClose(ErrorCode code) {
        ControlMessage.Error error = expect(ControlMessage.Error.class);
        assertThat(error.code()).as("error code (%s)", error.message()).isEqualTo(code.code());
        CloseReason reason = closed.orTimeout(2, TimeUnit.SECONDS).join();
        assertThat(reason.kind()).isEqualTo(CloseReason.Kind.REMOTE);
        assertThat(reason.code()).isEqualTo(code.code());
        return error;
    }

    @Override
    public void onControl(byte[] payload) {
        rawControl.add(payload);
        Decoded<ControlMessage> d = ControlCodec.decode(payload);
        if (d instanceof Decoded.Ok<ControlMessage> ok) {
            arrivals.add(ok.value());
            control.add(ok.value());
        } else {
            throw new AssertionError("the relay sent an invalid message: " + d.errorOrNull());
        }
    }

    @Override
    public void onDatagram(byte[] datagram) {
        arrivals.add(datagram);
        datagrams.add(datagram);
    }

    @Override
    public void onClosed(CloseReason reason) {
        closed.complete(reason);
    }

    @Override
    public void close() {
        connection.close().orTimeout(5, TimeUnit.SECONDS).join();
    }
}
