package dev.parley.relay.cluster;

import dev.parley.common.domain.RoomId;
import dev.parley.relay.RelayProperties;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The cluster's directory in Redis, and the only class that talks to Redis: relays' registrations
 * and rooms' owners (the layout is in {@code package-info}).
 *
 * <p>Every call returns at once with a {@link Mono} that fails after {@code timeout} at the latest.
 * Commands are issued from a scheduler of their own, never from the caller's thread nor from
 * Lettuce's I/O threads, because Spring Data's shared Lettuce connection is opened synchronously on
 * first use; once open, commands are sent without blocking. While the connection is down, commands fail at once instead of queueing, and
 * Lettuce reconnects in the background (every second at most).
 */
public final class RedisDirectory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisDirectory.class);

    /** What renewing a room's claim found. */
    public enum Renewal {
        /** This relay owned it; its TTL is renewed. */
        RENEWED,
        /** Nobody owned it (expired, or Redis lost it): this relay owns it again. */
        RECLAIMED,
        /** Another relay owns it. */
        HOSTED_ELSEWHERE
    }

    /** Renews the claim if it is ours, claims the room if nobody has it; 1, 2 or 0. */
    private static final RedisScript<Long> RENEW = RedisScript.of("""
            local owner = redis.call('GET', KEYS[1])
            if owner == ARGV[1] then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
              return 1
            end
            if not owner then
              redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
              return 2
            end
            return 0
            """, Long.class);
    /** Moves a room from a relay known to be dead to this one, if the dead one still has it. */
    /** A registration renewed recently enough: its value, or nil when it has expired or gone stale. */
    private static final RedisScript<String> FRESH = RedisScript.of("""
            local entry = redis.call('GET', KEYS[1])
            if entry and redis.call('PTTL', KEYS[1]) >= tonumber(ARGV[1]) then
              return entry
            end
            return false
            """, String.class);

    private static final RedisScript<Long> TAKE_OVER = RedisScript.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
              return 1
            end
            return 0
            """, Long.class);
    /** Compare-and-delete: releases the room only if this relay still owns it. */
    private static final RedisScript<Long> RELEASE = RedisScript.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """, Long.class);

    private final LettuceConnectionFactory connections;
    private final ClientResources resources;
    private final ReactiveStringRedisTemplate redis;
    private final Scheduler scheduler;
    /** Registrations from relays of a newer version may carry more fields: ignore them. */
    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private final Duration timeout;
    /**
     * Time a registration must still have to live for its relay to count as alive: a relay renews
     * every refresh, so one that missed two renewals (and half a second of slack) is taken for dead
     * before its TTL runs out, and joins are not sent to it in the seconds between.
     */
    private final long freshMillis;
    private final String prefix;
    private final String displayUrl;

    public RedisDirectory(RelayProperties.Cluster settings) {
        this.timeout = settings.timeout();
        this.freshMillis = Math.max(0, settings.relayTtl().toMillis() - 2 * settings.refreshInterval().toMillis() - 500);
        this.prefix = settings.keyPrefix();
        this.displayUrl = settings.redisForDisplay();
        RedisURI uri;
        try {
            uri = RedisURI.create(settings.redis());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parley.relay.cluster.redis is not a Redis URL (" + displayUrl + ")");
        }
        resources = ClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2,
                        TimeUnit.MILLISECONDS))
                .build();
        ClientOptions options = ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build();
        LettuceClientConfiguration client = LettuceClientConfiguration.builder()
                .apply(uri)
                .clientResources(resources)
                .clientOptions(options)
                .commandTimeout(timeout)
                .shutdownTimeout(Duration.ofMillis(100))
                .clientName("parley-relay")
                .build();
        connections = new LettuceConnectionFactory(LettuceConnectionFactory.createRedisConfiguration(uri), client);
        connections.setShareNativeConnection(true);
        connections.setValidateConnection(false);
        connections.afterPropertiesSet();
        connections.start();
        redis = new ReactiveStringRedisTemplate(connections);
        scheduler = Schedulers.newBoundedElastic(4, 10_000, "parley-cluster-redis", 60, true);
    }

    /** The Redis URL without credentials. */
    public String url() {
        return displayUrl;
    }

    /** Writes (or renews) a relay's registration, which lives for {@code ttl} unless renewed. */
    public Mono<Void> register(RelayEntry entry, Duration ttl) {
        return call(Mono.when(redis.opsForValue().set(relayKey(entry.id()), json.writeValueAsString(entry), ttl),
                redis.opsForSet().add(relaysKey(), entry.id())));
    }

    /** Removes a relay's registration (it is shutting down). */
    public Mono<Void> deregister(String relayId) {
        return call(Mono.when(redis.delete(relayKey(relayId)), redis.opsForSet().remove(relaysKey(), relayId)));
    }

    /** Every relay whose registration is alive; the set forgets the others. */
    public Mono<List<RelayEntry>> relays() {
        return call(redis.opsForSet().members(relaysKey())
                .publishOn(scheduler)
                .flatMap(id -> redis.opsForValue().get(relayKey(id))
                        .map(this::parse)
                        .switchIfEmpty(redis.opsForSet().remove(relaysKey(), id).then(Mono.empty())))
                .filter(RelayEntry::isUsable)
                .collectList());
    }

    /**
     * A relay's registration; empty when it has expired or has not been renewed for two refreshes
     * (the relay is dead or gone, or about to be forgotten).
     */
    public Mono<RelayEntry> relay(String relayId) {
        return call(Flux.defer(() -> redis.execute(FRESH, List.of(relayKey(relayId)), List.of(Long.toString(freshMillis))))
                .next().map(this::parse).filter(RelayEntry::isUsable));
    }

    /** The id of the relay that owns the room; empty when nobody does. */
    public Mono<String> owner(RoomId room) {
        return call(redis.opsForValue().get(roomKey(room)));
    }

    /** {@code SET NX} with the room TTL: true when this relay now owns the room, false when another won. */
    public Mono<Boolean> claim(RoomId room, String relayId, Duration ttl) {
        return call(redis.opsForValue().setIfAbsent(roomKey(room), relayId, ttl));
    }

    /** Moves the room from {@code deadOwner} to this relay; false when it no longer is the owner. */
    public Mono<Boolean> takeOver(RoomId room, String deadOwner, String relayId, Duration ttl) {
        return call(script(TAKE_OVER, roomKey(room), deadOwner, relayId, Long.toString(ttl.toMillis()))
                .map(n -> n == 1L));
    }

    /** Renews this relay's claim on a room it hosts, or claims it again when nobody has it. */
    public Mono<Renewal> renew(RoomId room, String relayId, Duration ttl) {
        return call(script(RENEW, roomKey(room), relayId, Long.toString(ttl.toMillis()))
                .map(n -> n == 1L ? Renewal.RENEWED : n == 2L ? Renewal.RECLAIMED : Renewal.HOSTED_ELSEWHERE));
    }

    /** Deletes the room's key if this relay owns it; true when it did. */
    public Mono<Boolean> release(RoomId room, String relayId) {
        return call(script(RELEASE, roomKey(room), relayId).map(n -> n == 1L));
    }

    private Mono<Long> script(RedisScript<Long> script, String key, String... args) {
        return Flux.defer(() -> redis.execute(script, List.of(key), List.of((Object[]) args))).next();
    }

    /** Starts the call off the caller's thread and bounds it. */
    private <T> Mono<T> call(Mono<T> command) {
        return Mono.defer(() -> command).subscribeOn(scheduler).timeout(timeout);
    }

    private RelayEntry parse(String value) {
        try {
            return json.readValue(value, RelayEntry.class);
        } catch (JacksonException e) {
            LOG.debug("ignoring a registration that does not parse: {}", e.getOriginalMessage());
            return new RelayEntry(null, null, 0, null, 0, 0);
        }
    }

    String relayKey(String relayId) {
        return prefix + "relay:" + relayId;
    }

    String relaysKey() {
        return prefix + "relays";
    }

    String roomKey(RoomId room) {
        return prefix + "room:" + Long.toUnsignedString(room.value());
    }

    @Override
    public void close() {
        connections.destroy();
        scheduler.dispose();
        resources.shutdown(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
}
