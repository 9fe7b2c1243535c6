package dev.parley.client.ui.testing;

import dev.parley.common.media.AudioSink;
import dev.parley.common.media.AudioSource;
import dev.parley.common.call.CallControl;
import dev.parley.common.domain.PeerId;
import dev.parley.common.video.VideoSource;
import dev.parley.common.video.VideoStreamKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A call control that records what the UI asked for. */
public final class FakeCallControl implements CallControl {
    public volatile boolean muted;
    public final Map<PeerId, Double> volumes = new HashMap<>();
    public final Map<PeerId, String> safetyNumbers = new HashMap<>();
    public final List<Object> switched = new ArrayList<>();
    public volatile int leaves;
    public String link = "parley://relay.example.org/r/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    public final List<Object> video = new ArrayList<>();

    @Override
    public synchronized void startVideo(VideoSource source) {
        video.add(source);
    }

    @Override
    public synchronized void stopVideo(VideoStreamKind kind) {
        video.add(kind);
    }

    @Override
    public synchronized boolean isSendingVideo(VideoStreamKind kind) {
        for (int i = video.size() - 1; i >= 0; i--) {
            Object o = video.get(i);
            if (o == kind) {
                return false;
            }
            if (o instanceof VideoSource s && s.kind() == kind) {
                return true;
            }
        }
        return false;
    }

    @Override
    public synchronized void setMuted(boolean muted) {
        this.muted = muted;
    }

    @Override
    public boolean isMuted() {
        return muted;
    }

    @Override
    public synchronized void setPeerVolume(PeerId peer, double volume) {
        volumes.put(peer, volume);
    }

    @Override
    public synchronized void switchAudioSource(AudioSource source) {
        switched.add(source);
    }

    @Override
    public synchronized void switchAudioSink(AudioSink sink) {
        switched.add(sink);
    }

    @Override
    public String ownFingerprint() {
        return "12345 67890 12345 67890 12345 67890";
    }

    @Override
    public synchronized Optional<String> safetyNumberWith(PeerId peer) {
        return Optional.ofNullable(safetyNumbers.get(peer));
    }

    @Override
    public String inviteLink() {
        return link;
    }

    @Override
    public void leave() {
        leaves++;
    }
}
