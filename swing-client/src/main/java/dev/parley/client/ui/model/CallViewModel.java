package dev.parley.client.ui.model;

import dev.parley.client.ui.profile.DisplayNames;
import dev.parley.client.ui.profile.VerifiedContacts;
import dev.parley.common.media.AudioSink;
import dev.parley.common.media.AudioSource;
import dev.parley.common.call.CallControl;
import dev.parley.common.call.CallEvent;
import dev.parley.common.call.CallEvents;
import dev.parley.common.call.ConnectionState;
import dev.parley.common.call.Participant;
import dev.parley.common.call.ParticipantStatus;
import dev.parley.common.domain.PeerId;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The call screen's state, fed by the engine's {@link CallEvents} and by the user's commands.
 *
 * <p>{@link #on(CallEvent)} may be called from any thread and never blocks: it hands each event to the
 * UI executor (the Swing event thread in the app, a direct executor in tests). Speaking levels and
 * stats are coalesced, so a busy engine cannot flood the event queue. Everything else, the commands
 * and the listeners included, runs on the UI executor only.
 */
public final class CallViewModel implements CallEvents {
    private static final System.Logger LOG = System.getLogger(CallViewModel.class.getName());

    /** Told of every new snapshot, on the UI executor. */
    @FunctionalInterface
    public interface Listener {
        void changed(CallView view);
    }

    private final String ownName;
    private final VerifiedContacts contacts;
    private final Executor ui;
    private final Clock clock;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicReference<CallEvent.SpeakingLevels> pendingLevels = new AtomicReference<>();
    private final AtomicReference<CallEvent.StatsUpdated> pendingStats = new AtomicReference<>();

    // Confined to the UI executor from here on.
    private final Map<PeerId, Participant> participants = new LinkedHashMap<>();
    private final Map<PeerId, SpeakingMeter> meters = new HashMap<>();
    private final Map<PeerId, Double> volumes = new HashMap<>();
    private final SpeakingMeter ownMeter = new SpeakingMeter();
    private final StatsViewModel stats;
    private CallControl control;
    private ConnectionState state = ConnectionState.CONNECTING;
    private String detail = "";
    private boolean muted;
    private boolean pushToTalk;
    private CallView.Ended ended;
    private CallView current;

    public CallViewModel(String ownName, VerifiedContacts contacts, Executor ui, Clock clock, StatsFormat format) {
        this.ownName = ownName;
        this.contacts = contacts;
        this.ui = ui;
        this.clock = clock;
        this.stats = new StatsViewModel(clock, format);
        this.current = render();
    }

    // ---- engine side: any thread ----

    @Override
    public void on(CallEvent event) {
        try {
            if (event instanceof CallEvent.SpeakingLevels levels) {
                if (pendingLevels.getAndSet(levels) == null) {
                    ui.execute(() -> apply(pendingLevels.getAndSet(null)));
                }
            } else if (event instanceof CallEvent.StatsUpdated s) {
                if (pendingStats.getAndSet(s) == null) {
                    ui.execute(() -> apply(pendingStats.getAndSet(null)));
                }
            } else {
                ui.execute(() -> apply(event));
            }
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "UI gone; dropping {0}", event.getClass().getSimpleName());
        }
    }

    // ---- UI side ----

    public void addListener(Listener listener) {
        listeners.add(listener);
        listener.changed(current);
    }

    public CallView current() {
        return current;
    }

    /** Connects the commands to the running call. Events that came earlier have been applied already. */
    public void attach(CallControl running) {
        control = running;
        muted = running.isMuted();
        if (pushToTalk && !muted) {
            running.setMuted(true);
            muted = true;
        }
        publish();
    }

    /** The invite link's certificate pin, for the statistics (see {@link StatsViewModel#relayPinned}). */
    public void relayPinned(Optional<String> pin) {
        stats.relayPinned(pin);
        publish();
    }

    public Optional<CallControl> control() {
        return Optional.ofNullable(control);
    }

    public void setMuted(boolean mute) {
        if (control != null) {
            control.setMuted(mute);
        }
        muted = mute;
        publish();
    }

    public void toggleMute() {
        setMuted(!muted);
    }

    /** Push-to-talk on mutes the microphone until the talk key is held; off leaves it muted. */
    public void setPushToTalk(boolean enabled) {
        pushToTalk = enabled;
        if (enabled) {
            setMuted(true);
        } else {
            publish();
        }
    }

    /** The push-to-talk key went down ({@code true}) or up; ignored while push-to-talk is off. */
    public void talk(boolean held) {
        if (pushToTalk && held == muted) {
            setMuted(!held);
        }
    }

    public void setVolume(PeerId peer, double volume) {
        double v = Math.max(0, Math.min(2, volume));
        if (control != null) {
            control.setPeerVolume(peer, v);
        }
        volumes.put(peer, v);
        publish();
    }

    public void switchMicrophone(AudioSource source) {
        if (control != null) {
            control.switchAudioSource(source);
        } else {
            source.close();
        }
    }

    public void switchSpeaker(AudioSink sink) {
        if (control != null) {
            control.switchAudioSink(sink);
        } else {
            sink.close();
        }
    }

    public Optional<String> inviteLink() {
        return control == null ? Optional.empty() : Optional.of(control.inviteLink());
    }

    public Optional<String> ownFingerprint() {
        return control == null ? Optional.empty() : Optional.of(control.ownFingerprint());
    }

    public void leave() {
        if (control != null) {
            control.leave();
        }
    }

    /** What the safety-number dialog shows for a peer; empty for an unknown peer. */
    public Optional<SafetyNumberModel> safetyNumber(PeerId peer) {
        Participant p = participants.get(peer);
        if (p == null) {
            return Optional.empty();
        }
        ParticipantTileModel tile = tile(p);
        Optional<SafetyNumber> number = control == null || tile.badge() == Badge.FAILED ? Optional.empty()
                : control.safetyNumberWith(peer).flatMap(SafetyNumber::parse);
        return Optional.of(new SafetyNumberModel(tile.name(), number, tile.badge() == Badge.VERIFIED, tile.warning()));
    }

    /** The identity key and name to remember when the user marks a peer verified. */
    public Optional<VerificationSubject> verificationSubject(PeerId peer) {
        Participant p = participants.get(peer);
        if (p == null || p.status() == ParticipantStatus.FAILED_VERIFICATION) {
            return Optional.empty();
        }
        return p.ed25519Pub().filter(k -> k.length == 32).map(k -> new VerificationSubject(peer, k.clone(),
                p.displayName().flatMap(DisplayNames::clean).orElse(ParticipantTileModel.UNKNOWN_NAME)));
    }

    /** The verified contacts changed (a verification was added or removed): badges follow. */
    public void contactsChanged() {
        publish();
    }

    /**
     * A peer's identity, to store as a verified contact.
     *
     * @param peerId     the peer in this call
     * @param ed25519Pub its identity key
     * @param name       its cleaned display name
     */
    public record VerificationSubject(PeerId peerId, byte[] ed25519Pub, String name) {
    }

    private void apply(CallEvent event) {
        if (event == null) {
            return;
        }
        if (event instanceof CallEvent.ConnectionChanged c) {
            state = c.state();
            detail = c.detail() == null ? "" : c.detail();
        } else if (event instanceof CallEvent.ParticipantChanged c) {
            participants.put(c.participant().peerId(), c.participant());
        } else if (event instanceof CallEvent.ParticipantLeft l) {
            participants.remove(l.peerId());
            meters.remove(l.peerId());
            volumes.remove(l.peerId());
        } else if (event instanceof CallEvent.SpeakingLevels levels) {
            long now = clock.millis();
            ownMeter.update(levels.own(), now);
            for (PeerId id : participants.keySet()) {
                meters.computeIfAbsent(id, k -> new SpeakingMeter()).update(levels.peers().getOrDefault(id, 0.0), now);
            }
        } else if (event instanceof CallEvent.KeysRotated k) {
            stats.keysRotated(k.keyId(), k.at());
        } else if (event instanceof CallEvent.StatsUpdated s) {
            stats.update(s.stats());
        } else if (event instanceof CallEvent.CallEnded e) {
            state = ConnectionState.ENDED;
            ended = new CallView.Ended(e.clean(), EndNotice.forEnded(e));
        }
        publish();
    }

    private void publish() {
        current = render();
        for (Listener l : listeners) {
            try {
                l.changed(current);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "A call screen listener failed", e);
            }
        }
    }

    private CallView render() {
        long now = clock.millis();
        ParticipantTileModel self = ParticipantTileModel.forSelf(ownName, muted, ownMeter.reading(now));
        List<ParticipantTileModel> peers = new ArrayList<>(participants.size());
        for (Participant p : participants.values()) {
            peers.add(tile(p));
        }
        StatsView statsView = stats.view(id -> Optional.ofNullable(participants.get(id))
                .map(p -> p.displayName().flatMap(DisplayNames::clean).orElse(ParticipantTileModel.UNKNOWN_NAME)));
        return new CallView(state, statusText(), muted, pushToTalk, self, peers, statsView, Optional.ofNullable(ended));
    }

    private ParticipantTileModel tile(Participant p) {
        SpeakingMeter meter = meters.get(p.peerId());
        SpeakingMeter.Reading reading = meter == null ? SpeakingMeter.Reading.SILENT : meter.reading(clock.millis());
        return ParticipantTileModel.forPeer(p, contacts, reading, volumes.getOrDefault(p.peerId(), 1.0));
    }

    private String statusText() {
        return switch (state) {
            case CONNECTING -> detail.isBlank() ? "Connecting to the relay\u2026" : detail;
            case IN_CALL -> {
                int present = 1 + (int) participants.values().stream()
                        .filter(p -> p.status() == ParticipantStatus.PRESENT).count();
                yield (present == 1 ? "In the call, waiting for others" : "In the call with " + (present - 1)
                        + (present == 2 ? " other person" : " others")) + " \u00b7 end-to-end encrypted";
            }
            case RECONNECTING -> "Connection lost. Reconnecting\u2026" + (detail.isBlank() ? "" : " " + detail);
            case ENDED -> ended != null && !ended.clean() ? "The call ended." : "You left the call.";
        };
    }
}
