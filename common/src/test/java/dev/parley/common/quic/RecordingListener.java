package dev.parley.common.quic;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps everything a {@link RelayConnection} delivers, and the threads it was delivered on. */
class RecordingListener implements RelayConnection.Listener {
    final List<byte[]> control = new CopyOnWriteArrayList<>();
    final List<byte[]> datagrams = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    final CompletableFuture<CloseReason> closed = new CompletableFuture<>();

    @Override
    public void onControl(byte[] payload) {
        threads.add(Thread.currentThread().getName());
        control.add(payload);
    }

    @Override
    public void onDatagram(byte[] datagram) {
        threads.add(Thread.currentThread().getName());
        datagrams.add(datagram);
    }

    @Override
    public void onClosed(CloseReason reason) {
        threads.add(Thread.currentThread().getName());
        if (!closed.complete(reason)) {
            throw new AssertionError("onClosed called twice");
        }
    }
}
