package dev.parley.common.quic;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands received payloads from the event loop to the listener on another thread, in order, so the
 * listener may take its time without stalling QUIC I/O. Control payloads are never dropped (the
 * relay limits how many it sends); datagrams beyond {@code maxPendingDatagrams} are dropped and
 * counted, since late media is worthless anyway. At most one drain task is in flight at a time.
 */
final class Delivery implements Runnable {
    private static final System.Logger LOG = System.getLogger(Delivery.class.getName());

    private record Control(byte[] payload) {
    }

    private record Closed(CloseReason reason) {
    }

    private final RelayConnection.Listener listener;
    private final Executor executor;
    private final ExecutorService ownedExecutor;
    private final int maxPendingDatagrams;
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingDatagrams = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicLong droppedDatagrams = new AtomicLong();
    private volatile boolean started;
    private volatile boolean closedQueued;

    Delivery(RelayConnection.Listener listener, Executor executor, ExecutorService ownedExecutor,
             int maxPendingDatagrams) {
        this.listener = listener;
        this.executor = executor;
        this.ownedExecutor = ownedExecutor;
        this.maxPendingDatagrams = maxPendingDatagrams;
    }

    /** Lets queued and future events through; until then they wait (the connect future is pending). */
    void start() {
        started = true;
        schedule();
    }

    void control(byte[] payload) {
        if (closedQueued) {
            return;
        }
        queue.add(new Control(payload));
        schedule();
    }

    void datagram(byte[] datagram) {
        if (closedQueued) {
            return;
        }
        if (pendingDatagrams.incrementAndGet() > maxPendingDatagrams) {
            pendingDatagrams.decrementAndGet();
            droppedDatagrams.incrementAndGet();
            return;
        }
        queue.add(datagram);
        schedule();
    }

    /** The last event; after it the listener hears nothing more. */
    void closed(CloseReason reason) {
        if (closedQueued) {
            return;
        }
        closedQueued = true;
        queue.add(new Closed(reason));
        started = true;
        schedule();
    }

    long droppedDatagrams() {
        return droppedDatagrams.get();
    }

    private void schedule() {
        if (started && !queue.isEmpty() && scheduled.compareAndSet(false, true)) {
            try {
                executor.execute(this);
            } catch (RuntimeException e) {
                scheduled.set(false);
                LOG.log(System.Logger.Level.WARNING, "relay connection events could not be delivered", e);
            }
        }
    }

    @Override
    public void run() {
        boolean finished = false;
        try {
            Object event;
            int budget = 256;
            while (budget-- > 0 && (event = queue.poll()) != null) {
                try {
                    if (event instanceof byte[] datagram) {
                        pendingDatagrams.decrementAndGet();
                        listener.onDatagram(datagram);
                    } else if (event instanceof Control control) {
                        listener.onControl(control.payload());
                    } else if (event instanceof Closed closed) {
                        finished = true;
                        queue.clear();
                        listener.onClosed(closed.reason());
                    }
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "relay connection listener failed", e);
                }
            }
        } finally {
            scheduled.set(false);
            if (finished) {
                if (ownedExecutor != null) {
                    ownedExecutor.shutdown();
                }
            } else {
                schedule();
            }
        }
    }
}
