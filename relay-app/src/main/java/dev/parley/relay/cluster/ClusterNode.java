package dev.parley.relay.cluster;

import dev.parley.common.domain.RoomId;
import dev.parley.relay.RelayProperties;
import dev.parley.relay.core.RoomRegistry;
import dev.parley.relay.server.QuicRelayServer;
import dev.parley.relay.server.RelayTls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * This relay as a member of the cluster: it registers itself and renews its registration and the
 * claims on the rooms it hosts every {@code refresh-interval}, on a thread of its own; it keeps the
 * last view of the live relays for placement, health and info; and it leaves cleanly.
 *
 * <p>When Redis does not answer, the relay carries on with the rooms it has (their members never
 * notice), health says DOWN with the reason, and every refresh tries again: the first one that
 * succeeds writes the registration and re-claims every room hosted here, which rebuilds the
 * directory after Redis lost it.
 *
 * <p>Leaving: when the context starts closing the registration is deleted first, so that no other
 * relay redirects anyone here any more; then the server sends Error 7 (its members' rooms are
 * released as they empty); then, stopping after the server, this node releases whatever is left.
 */
public final class ClusterNode implements SmartLifecycle, ApplicationListener<ContextClosedEvent>,
        ApplicationContextAware {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);
    private static final Duration WAIT_FOR_LISTENER = Duration.ofMillis(100);

    /** Whether this relay can reach the directory. */
    public enum State {
        /** Not registered yet. */
        STARTING,
        /** The last refresh succeeded. */
        UP,
        /** The last directory call failed. */
        DOWN
    }

    /**
     * @param state where things stand
     * @param reason why it is DOWN (or STARTING); null when UP
     * @param since when it entered this state
     */
    public record Status(State state, String reason, Instant since) {
    }

    private final RelayProperties.Cluster settings;
    private final RedisDirectory directory;
    private final ObjectProvider<QuicRelayServer> serverProvider;
    private final RoomRegistry registry;
    private final RelayTls tls;
    private final ClusterMetrics metrics;
    private final String advertisedHost;
    /** Rooms with members on this relay. Written on the event loop, read by the refresh. */
    private final Set<RoomId> hosted = ConcurrentHashMap.newKeySet();
    /** Rooms whose release is in flight, so that stopping can make sure it happened. */
    private final Set<RoomId> releasing = ConcurrentHashMap.newKeySet();
    /** Rooms hosted here that another relay owns in the directory, each logged once. */
    private final Set<RoomId> contested = ConcurrentHashMap.newKeySet();

    private ApplicationContext context;
    private volatile QuicRelayServer server;
    private volatile RelayEntry self;
    private volatile List<RelayEntry> live = List.of();
    private volatile Status status = new Status(State.STARTING, "not registered yet", Instant.now());
    private volatile boolean running;
    private volatile boolean leaving;
    private ScheduledExecutorService ticker;

    public ClusterNode(RelayProperties properties, RedisDirectory directory, ObjectProvider<QuicRelayServer> server,
                       RoomRegistry registry, RelayTls tls, ClusterMetrics metrics) {
        this.settings = properties.cluster();
        this.directory = directory;
        this.serverProvider = server;
        this.registry = registry;
        this.tls = tls;
        this.metrics = metrics;
        this.advertisedHost = settings.advertisedHost().isBlank()
                ? defaultHost(properties.bindAddress()) : settings.advertisedHost();
        metrics.gauges(hosted::size, () -> live.size());
    }

    @Override
    public void setApplicationContext(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        server = serverProvider.getObject();
        running = true;
        leaving = false;
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "parley-cluster");
            t.setDaemon(true);
            return t;
        });
        LOG.info("Cluster mode: directory at {}, this relay advertised as {}, renewing every {} ms",
                directory.url(), advertisedHost, settings.refreshInterval().toMillis());
        ticker.execute(this::tick);
    }

    /** The context is closing: stop being a redirect target before the server tells members to go. */
    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        if (event.getApplicationContext() != context || !running) {
            return;
        }
        leaving = true;
        haltTicker();
        RelayEntry me = self;
        if (me != null) {
            try {
                directory.deregister(me.id()).block();
            } catch (RuntimeException e) {
                LOG.debug("could not delete this relay's registration: {}", describe(e));
            }
        }
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        leaving = true;
        haltTicker();
        RelayEntry me = self;
        if (me == null) {
            return;
        }
        Set<RoomId> rooms = new HashSet<>(hosted);
        rooms.addAll(releasing);
        try {
            Flux.fromIterable(rooms)
                    .flatMap(room -> directory.release(room, me.id()), 32)
                    .then(directory.deregister(me.id()))
                    .block(settings.timeout().multipliedBy(4));
            LOG.info("Left the cluster: released {} rooms and this relay's registration", rooms.size());
        } catch (RuntimeException e) {
            LOG.warn("Could not leave the directory at {} cleanly ({}): this relay's registration expires within {} "
                    + "ms, its {} rooms within {} ms", directory.url(), describe(e), settings.relayTtl().toMillis(),
                    rooms.size(), settings.roomTtl().toMillis());
        }
    }

    /** No more refreshes: after this nothing renews the registration behind the caller's back. */
    private void haltTicker() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(2 * settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before the QUIC server and stops after it, so the rooms it empties get released here. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1;
    }

    /** One refresh: registration, room claims, the view of the live relays. Runs on the ticker only. */
    private void tick() {
        if (!running) {
            return;
        }
        Duration next = settings.refreshInterval();
        try {
            RelayEntry me = identity();
            int reclaimed = 0;
            if (me == null) {
                QuicRelayServer s = server;
                if (s == null || s.state() == QuicRelayServer.State.NEW) {
                    // the server is about to listen: register as soon as it does
                    next = WAIT_FOR_LISTENER.compareTo(next) < 0 ? WAIT_FOR_LISTENER : next;
                }
            } else {
                if (!leaving) {
                    directory.register(me.withLoad(registry.members(), registry.rooms()), settings.relayTtl())
                            .block();
                }
                reclaimed = renewRooms(me);
            }
            live = directory.relays().block();
            up(me, reclaimed);
        } catch (RuntimeException e) {
            if (running && !leaving) {
                directoryFailed("refresh", e);
            }
        }
        if (running) {
            try {
                ticker.schedule(this::tick, next.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException stopping) {
                // stop() shut the ticker down meanwhile
            }
        }
    }

    /** Renews the claim on every room hosted here; returns how many had to be claimed again. */
    private int renewRooms(RelayEntry me) {
        if (hosted.isEmpty()) {
            return 0;
        }
        List<Map.Entry<RoomId, RedisDirectory.Renewal>> results = Flux.fromIterable(List.copyOf(hosted))
                .flatMap(room -> directory.renew(room, me.id(), settings.roomTtl()).map(r -> Map.entry(room, r)), 32)
                .collectList()
                .block();
        int reclaimed = 0;
        for (Map.Entry<RoomId, RedisDirectory.Renewal> result : results) {
            RoomId room = result.getKey();
            switch (result.getValue()) {
                case RENEWED -> contested.remove(room);
                case RECLAIMED -> reclaimed++;
                case HOSTED_ELSEWHERE -> {
                    if (contested.add(room)) {
                        // Both relays placed it while the directory was away, and the owner won the
                        // claim when it came back: two halves of one call that cannot hear each other.
                        // The members here reconnect and are redirected to the owner.
                        LOG.warn("Room {} has members here but another relay owns it in the directory (placed on "
                                + "both during a directory outage): sending its members here there", room.value());
                        metrics.roomMovedAway();
                        QuicRelayServer s = server;
                        if (s != null) {
                            s.moveRoomAway(room);
                        }
                    }
                }
            }
            if (!hosted.contains(room) && result.getValue() != RedisDirectory.Renewal.HOSTED_ELSEWHERE) {
                // it emptied while being renewed: do not keep a claim on a room nobody is in
                release(room, me);
            }
        }
        return reclaimed;
    }

    private void up(RelayEntry me, int reclaimed) {
        Status old = status;
        if (old.state() == State.UP || me == null) {
            return;
        }
        if (old.state() == State.DOWN) {
            LOG.info("Cluster directory at {} reachable again: the directory is rebuilt (registered as {}, {} rooms "
                    + "claimed again, {} live relays)", directory.url(), me.id(), reclaimed, live.size());
        } else {
            LOG.info("Joined the cluster as {} ({} live relays)", me.id(), live.size());
        }
        status = new Status(State.UP, null, Instant.now());
    }

    /** A directory call failed: count it, and say DOWN until a refresh succeeds again. */
    void directoryFailed(String operation, Throwable error) {
        metrics.directoryError(operation);
        String reason = "Redis at " + directory.url() + ": " + describe(error);
        Status old = status;
        if (old.state() != State.DOWN) {
            LOG.warn("Cluster directory unreachable ({}): serving the rooms here and placing new rooms here until "
                    + "it returns", reason);
            status = new Status(State.DOWN, reason, Instant.now());
        } else if (!reason.equals(old.reason())) {
            status = new Status(State.DOWN, reason, old.since());
        }
    }

    /** A room's first member joined here. Event loop. */
    void hosting(RoomId room) {
        hosted.add(room);
    }

    /** A room has no member here any more: release its claim. Event loop; does not block. */
    void released(RoomId room) {
        hosted.remove(room);
        contested.remove(room);
        RelayEntry me = self;
        if (me != null) {
            release(room, me);
        }
    }

    private void release(RoomId room, RelayEntry me) {
        releasing.add(room);
        directory.release(room, me.id())
                .doFinally(signal -> releasing.remove(room))
                .subscribe(released -> { }, error -> directoryFailed("release", error));
    }

    /**
     * This relay's registration (without load), or null until the server listens (an ephemeral
     * port is known only then). Cheap: callable from the event loop.
     */
    RelayEntry identity() {
        RelayEntry me = self;
        if (me != null) {
            return me;
        }
        QuicRelayServer s = server;
        if (s == null || s.state() != QuicRelayServer.State.LISTENING) {
            return null;
        }
        int port = settings.advertisedPort() > 0 ? settings.advertisedPort() : s.port();
        String id = (advertisedHost.contains(":") ? "[" + advertisedHost + "]" : advertisedHost) + ":" + port;
        me = new RelayEntry(id, advertisedHost, port, tls.fingerprint(), 0, 0);
        self = me;
        return me;
    }

    /**
     * The live relay a new room should go to because this one is above {@code place-elsewhere-above}:
     * the least loaded other relay, if it has fewer members than this one. Empty otherwise.
     */
    Optional<RelayEntry> leastLoadedElsewhere() {
        RelayEntry me = self;
        int mine = registry.members();
        if (me == null || mine <= settings.placeElsewhereAbove()) {
            return Optional.empty();
        }
        return live.stream()
                .filter(r -> !r.id().equals(me.id()) && r.members() < mine)
                .min(Comparator.comparingInt(RelayEntry::members).thenComparingInt(RelayEntry::rooms)
                        .thenComparing(RelayEntry::id));
    }

    /** Members on this relay now (for the placement rule). */
    int members() {
        return registry.members();
    }

    public Status status() {
        return status;
    }

    /** The live relays at the last refresh, this one included once registered. */
    public List<RelayEntry> liveRelays() {
        return live;
    }

    /** This relay's id, or null before it listens. */
    public String relayId() {
        RelayEntry me = self;
        return me == null ? null : me.id();
    }

    public int roomsHosted() {
        return hosted.size();
    }

    private static String defaultHost(String bindAddress) {
        try {
            InetAddress bind = InetAddress.getByName(bindAddress);
            if (!bind.isAnyLocalAddress()) {
                return bind.getHostAddress();
            }
            String name = InetAddress.getLocalHost().getHostName();
            LOG.warn("parley.relay.cluster.advertised-host is not set and the relay binds to {}: other relays will "
                    + "send clients to {}; set advertised-host to the name clients reach this relay at", bindAddress,
                    name);
            return name;
        } catch (UnknownHostException e) {
            throw new IllegalStateException("set parley.relay.cluster.advertised-host: cannot tell this relay's "
                    + "address (" + e.getMessage() + ")");
        }
    }

    /** A short reason without stack or class names where a message says enough. */
    private String describe(Throwable error) {
        Throwable e = Exceptions.unwrap(error);
        if (e instanceof TimeoutException) {
            return "no answer within " + settings.timeout().toMillis() + " ms";
        }
        String message = e.getMessage();
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e && root.getMessage() != null && (message == null || !message.contains(root.getMessage()))) {
            message = (message == null ? "" : message + ": ") + root.getMessage();
        }
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        return message.length() > 200 ? message.substring(0, 200) : message;
    }
}
