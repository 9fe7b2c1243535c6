package dev.parley.relay;

import dev.parley.common.domain.ControlMessage;
import dev.parley.common.domain.Decoded;
import dev.parley.common.domain.MediaHeader;
import dev.parley.common.domain.RoomId;
import dev.parley.common.quic.QuicTransport;
import dev.parley.common.wire.ControlCodec;
import dev.parley.relay.support.Messages;
import dev.parley.relay.support.TestClient;
import org.junit.jupiter.api.Test;
import tech.kwik.core.QuicClientConnection;
import tech.kwik.core.QuicStream;
import tech.kwik.core.log.NullLogger;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URI;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client on a second, independent QUIC implementation (kwik, pure Java) does the whole handshake
 * with the relay (TLS 1.3, ALPN parley/1, the certificate verified against a trust store holding
 * only the relay's self-signed certificate), joins over the control stream, and exchanges media
 * datagrams with a member on Netty's stack.
 */
class KwikInteropTest extends RelayIntegrationTest {

    @Test
    void aKwikClientJoinsAndExchangesDatagramsWithANettyClient() throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("relay", tls.material().certificate());
        QuicClientConnection kwik = QuicClientConnection.newBuilder()
                .uri(URI.create("https://localhost:" + server.port()))
                .preferIPv4()
                .applicationProtocol(QuicTransport.ALPN)
                .customTrustStore(trust)
                .enableDatagramExtension()
                .maxIdleTimeout(Duration.ofSeconds(30))
                .connectTimeout(Duration.ofSeconds(10))
                .logger(new NullLogger())
                .build();
        List<byte[]> kwikDatagrams = new CopyOnWriteArrayList<>();
        kwik.setDatagramHandler(kwikDatagrams::add);
        kwik.connect();
        try {
            assertThat(kwik.isDatagramExtensionEnabled()).isTrue();
            assertThat(kwik.canSendDatagram()).isTrue();
            assertThat(kwik.getServerCertificateChain().get(0)).isEqualTo(tls.material().certificate());

            RoomId room = Messages.randomRoom();
            TestClient netty = client();
            netty.join(room);

            QuicStream stream = kwik.createStream(true);
            DataOutputStream out = new DataOutputStream(stream.getOutputStream());
            DataInputStream in = new DataInputStream(stream.getInputStream());
            write(out, new ControlMessage.Hello(1, "kwik interop"));
            write(out, new ControlMessage.Auth(""));
            write(out, new ControlMessage.JoinRoom(room, Messages.card()));
            ControlMessage.PeerList list = (ControlMessage.PeerList) read(in);
            long kwikPeer = list.yourPeerId().value();
            assertThat(list.peers()).singleElement().satisfies(p -> assertThat(p.peerId().value()).isEqualTo(netty.peerId));
            assertThat(netty.expect(ControlMessage.PeerJoined.class).peer().peerId().value()).isEqualTo(kwikPeer);

            // kwik -> relay -> netty, and back
            byte[] fromKwik = Messages.media(room, kwikPeer, 0, MediaHeader.MAX_CIPHERTEXT);
            assertThat(fromKwik).hasSize(MediaHeader.MAX_DATAGRAM);
            assertThat(kwik.maxDatagramDataSize()).isGreaterThanOrEqualTo(MediaHeader.MAX_DATAGRAM);
            double received = count("parley.relay.datagrams", "direction", "in");
            kwik.sendDatagram(fromKwik);
            byte[] fromNetty = Messages.media(room, netty.peerId, 0, 200);
            netty.sendDatagram(fromNetty);
            await().atMost(Duration.ofSeconds(10)).until(() -> !netty.datagrams.isEmpty() && !kwikDatagrams.isEmpty());
            // kwik 0.10.3 was seen to send the same DATAGRAM frame again when its loss timer fired on
            // a loaded machine (RFC 9221 says they are not retransmitted); the relay forwards each
            // copy it receives, byte for byte, and receivers drop replays. So: at least one, all equal.
            assertThat(netty.datagrams).isNotEmpty().allSatisfy(d -> assertThat(d).isEqualTo(fromKwik));
            assertThat(kwikDatagrams).singleElement().isEqualTo(fromNetty);
            if (netty.datagrams.size() > 1) {
                System.out.printf("kwik sent its datagram %d times (relay received %.0f datagrams)%n",
                        netty.datagrams.size(), count("parley.relay.datagrams", "direction", "in") - received);
            }

            // a key message from the Netty member reaches kwik byte for byte over the control stream
            byte[] keys = Messages.withUnknownKey(Messages.keyDistribute(room, netty.peerId, List.of(kwikPeer)));
            netty.sendRaw(keys);
            assertThat(readRaw(in)).isEqualTo(keys);

            write(out, new ControlMessage.Leave());
            assertThat(netty.expect(ControlMessage.PeerLeft.class).peerId().value()).isEqualTo(kwikPeer);
        } finally {
            kwik.close();
        }
    }

    private static void write(DataOutputStream out, ControlMessage message) throws IOException {
        byte[] payload = ControlCodec.encode(message);
        out.writeInt(payload.length);
        out.write(payload);
        out.flush();
    }

    private static byte[] readRaw(DataInputStream in) throws IOException {
        int length = in.readInt();
        byte[] payload = new byte[length];
        in.readFully(payload);
        return payload;
    }

    private static ControlMessage read(DataInputStream in) throws IOException {
        Decoded<ControlMessage> d = ControlCodec.decode(readRaw(in));
        return d.orElseThrow();
    }
}
