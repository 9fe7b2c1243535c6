package dev.parley.relay.cluster;

import dev.parley.common.domain.RoomId;
import dev.parley.relay.RelayProperties;
import dev.parley.relay.cluster.ClusterMetrics.RedirectReason;
import dev.parley.relay.core.RoomPlacement;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where a room without members on this relay lives (PROTOCOL.md section 10):
 * <ul>
 *   <li>owned by this relay: here;</li>
 *   <li>owned by another live relay: there (Redirect with its host, port and pin);</li>
 *   <li>owned by a relay whose registration has expired (it died): taken over, here;</li>
 *   <li>owned by nobody: here, claimed with {@code SET NX}; or, when this relay has more than
 *       {@code place-elsewhere-above} members, on the least loaded live relay, which claims it when
 *       the joiner arrives. A lost {@code SET NX} race sends the joiner to the winner.</li>
 * </ul>
 * The whole decision takes at most {@code timeout}; when Redis fails or is slow the room is placed
 * here, so a join never depends on the directory being up.
 */
public final class ClusterPlacement implements RoomPlacement {
    /** Lookups for one join: a lost race or a vanished owner makes another one worthwhile, not more. */
    private static final int ATTEMPTS = 3;

    private final RedisDirectory directory;
    private final ClusterNode node;
    private final ClusterMetrics metrics;
    private final Duration timeout;
    private final Duration roomTtl;
    private final int placeElsewhereAbove;

    public ClusterPlacement(RelayProperties properties, RedisDirectory directory, ClusterNode node,
                            ClusterMetrics metrics) {
        this.directory = directory;
        this.node = node;
        this.metrics = metrics;
        this.timeout = properties.cluster().timeout();
        this.roomTtl = properties.cluster().roomTtl();
        this.placeElsewhereAbove = properties.cluster().placeElsewhereAbove();
    }

    @Override
    public CompletionStage<Placement> place(RoomId room) {
        RelayEntry me = node.identity();
        if (me == null) {
            return CompletableFuture.completedFuture(Here.INSTANCE);
        }
        return locate(room, me, ATTEMPTS)
                .timeout(timeout)
                .onErrorResume(error -> {
                    node.directoryFailed("join", error);
                    return here();
                })
                .toFuture();
    }

    @Override
    public void roomOpened(RoomId room) {
        node.hosting(room);
    }

    @Override
    public void roomClosed(RoomId room) {
        node.released(room);
    }

    private Mono<Placement> locate(RoomId room, RelayEntry me, int attempts) {
        return directory.owner(room)
                .flatMap(owner -> owner.equals(me.id()) ? here() : ownedBy(room, owner, me, attempts))
                .switchIfEmpty(Mono.defer(() -> unowned(room, me, attempts)));
    }

    private Mono<Placement> ownedBy(RoomId room, String owner, RelayEntry me, int attempts) {
        return directory.relay(owner)
                .map(target -> elsewhere(target, RedirectReason.HOSTED_ELSEWHERE, "it hosts the room"))
                .switchIfEmpty(Mono.defer(() -> directory.takeOver(room, owner, me.id(), roomTtl)
                        .flatMap(won -> won ? here() : retry(room, me, attempts))));
    }

    private Mono<Placement> unowned(RoomId room, RelayEntry me, int attempts) {
        Mono<Placement> claim = Mono.defer(() -> directory.claim(room, me.id(), roomTtl)
                .flatMap(won -> won ? here() : retry(room, me, attempts)));
        Optional<RelayEntry> candidate = node.leastLoadedElsewhere();
        if (candidate.isEmpty()) {
            return claim;
        }
        // the view is up to one refresh old: check that the candidate still lives and is still lighter
        return directory.relay(candidate.get().id())
                .filter(target -> target.members() < node.members())
                .map(target -> elsewhere(target, RedirectReason.PLACED_ELSEWHERE, "a new room, and this relay has "
                        + node.members() + " members, above place-elsewhere-above=" + placeElsewhereAbove
                        + ", that one " + target.members()))
                .switchIfEmpty(claim);
    }

    private Mono<Placement> retry(RoomId room, RelayEntry me, int attempts) {
        return attempts > 1 ? locate(room, me, attempts - 1) : here();
    }

    private Placement elsewhere(RelayEntry target, RedirectReason reason, String why) {
        metrics.redirect(reason);
        return new Elsewhere(target.redirect(), why);
    }

    private static Mono<Placement> here() {
        return Mono.just(Here.INSTANCE);
    }
}
