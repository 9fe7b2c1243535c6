package dev.parley.common.quic;

import dev.parley.common.testing.logging.SevereLogs;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Sends, statistics and close racing the end of a connection: an audio thread keeps sending while
 * the relay or the user ends the call, and must neither die nor keep the call from ending. Real
 * QUIC on loopback; the senders keep going until the connection's event loop has shut down.
 */
class RelayConnectionCloseRaceTest {
    private static final int SENDERS = 3;

    @RegisterExtension
    static final PinnedTestServer server = new PinnedTestServer();

    @ParameterizedTest(name = "{0} closes")
    @ValueSource(strings = {"relay", "client"})
    void sendsStatsAndClosesRacingTheEndAreRefusedNeverThrown(String closer) throws Exception {
        AtomicReference<Thread> eventLoop = new AtomicReference<>();
        RecordingListener l = new RecordingListener() {
            @Override
            public void onControl(byte[] payload) {
                eventLoop.compareAndSet(null, Thread.currentThread()); // a direct executor: called on the loop
                super.onControl(payload);
            }
        };
        RelayConnection c = server.connect(l, RelayClientOptions.defaults().withDeliveryExecutor(Runnable::run));
        c.sendControl("hello".getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(5)).until(() -> eventLoop.get() != null);

        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong datagramAttempts = new AtomicLong();
        Queue<Throwable> thrown = new ConcurrentLinkedQueue<>();
        List<Thread> senders = new ArrayList<>();
        try (SevereLogs severe = SevereLogs.capture()) {
            for (int i = 0; i < SENDERS; i++) {
                Thread t = new Thread(() -> {
                    byte[] datagram = new byte[120];
                    for (long n = 0; !stop.get(); n++) {
                        try {
                            datagramAttempts.incrementAndGet();
                            c.sendDatagram(datagram);
                            if (n % 64 == 0) {
                                c.pathStats();
                                c.sendControl(new byte[] {1});
                            }
                            if (n % 16 == 0) {
                                // about 16,000 datagrams a second each: a race, not a flood that starves the
                                // event loop and the closer on two shared cores
                                LockSupport.parkNanos(1_000_000);
                            }
                        } catch (Throwable e) {
                            thrown.add(e);
                        }
                    }
                }, "race-sender-" + i);
                senders.add(t);
                t.start();
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> l.datagrams.size() > 200);

            if (closer.equals("relay")) {
                c.sendControl("close:3".getBytes(StandardCharsets.UTF_8));
            } else {
                c.close();
            }
            // generous: the senders keep the loop busy with tasks, and CI machines are shared
            CloseReason reason = c.closeFuture().orTimeout(30, TimeUnit.SECONDS).join();
            assertThat(reason.kind()).isEqualTo(closer.equals("relay") ? CloseReason.Kind.REMOTE : CloseReason.Kind.LOCAL);
            // the connection owns its event loop and shuts it down once closed: go on sending past that
            await().atMost(Duration.ofSeconds(5)).until(() -> !eventLoop.get().isAlive());
            long afterLoopEnded = datagramAttempts.get();
            await().atMost(Duration.ofSeconds(5)).until(() -> datagramAttempts.get() > afterLoopEnded + 1000);

            assertThatCode(() -> assertThat(c.close()).isCompletedWithValue(reason)).doesNotThrowAnyException();
            assertThat(c.sendDatagram(new byte[] {1})).isFalse();
            assertThat(c.sendControl(new byte[] {1})).isFalse();
            assertThatThrownBy(() -> c.pathStats().orTimeout(5, TimeUnit.SECONDS).join())
                    .isInstanceOf(CompletionException.class).hasCauseInstanceOf(IllegalStateException.class);
            stop.set(true);
            for (Thread t : senders) {
                t.join(5_000);
            }
            assertThat(thrown).as("what the senders caught").isEmpty();
            RelayConnection.Stats stats = c.stats();
            assertThat(stats.datagramsSent() + stats.datagramsRefused())
                    .as("every datagram either handed to QUIC or refused").isEqualTo(datagramAttempts.get() + 1);
            assertThat(l.closed).isCompletedWithValue(reason);
            assertThat(severe.records()).as("SEVERE log records").isEmpty();
        } finally {
            stop.set(true);
        }
    }
}
