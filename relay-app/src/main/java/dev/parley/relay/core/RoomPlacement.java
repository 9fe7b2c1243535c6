package dev.parley.relay.core;

import dev.parley.common.domain.ControlMessage;
import dev.parley.common.domain.RoomId;

import java.util.concurrent.CompletionStage;

/**
 * Where a room lives when a relay is one of several (PROTOCOL.md section 10). A relay alone has no
 * such bean and hosts every room itself; in a cluster ({@code dev.parley.relay.cluster}) a room
 * may live on another relay, and a joiner is redirected there.
 *
 * <p>{@link ControlHandler} asks only about rooms that have no member on this relay, and tells when
 * a room starts and stops being hosted here.
 */
public interface RoomPlacement {

    /**
     * Decides where a room without members on this relay lives. Called on the event loop; must not
     * block it. The stage completes on any thread, always normally, within a bounded time: when
     * the directory cannot answer, the answer is {@link Here}.
     */
    CompletionStage<Placement> place(RoomId room);

    /** The room's first member has joined on this relay. Event loop; must not block. */
    void roomOpened(RoomId room);

    /**
     * The room has no member on this relay any more (its last member left, or it was placed here
     * and nobody joined after all). Event loop; must not block.
     */
    void roomClosed(RoomId room);

    /** Where a room lives. */
    sealed interface Placement permits Here, Elsewhere {
    }

    /** On this relay: the joiner joins here. */
    record Here() implements Placement {
        public static final Here INSTANCE = new Here();
    }

    /**
     * On another relay.
     *
     * @param redirect what the joiner gets: that relay's advertised host, port and certificate pin
     * @param reason why, for the log (the room is hosted there, or this relay is above its load)
     */
    record Elsewhere(ControlMessage.Redirect redirect, String reason) implements Placement {
    }
}
