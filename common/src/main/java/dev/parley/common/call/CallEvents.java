package dev.parley.common.call;

/**
 * The events port. Called from the engine's threads, never from the Swing event thread; an adapter
 * that touches a UI hands over to its own thread. Must not block.
 */
@FunctionalInterface
public interface CallEvents {
    void on(CallEvent event);

    CallEvents NONE = event -> { };
}
