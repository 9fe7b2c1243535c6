package dev.parley.client.ui.model;

import dev.parley.client.ui.profile.DisplayNames;
import dev.parley.client.ui.profile.VerifiedContacts;
import dev.parley.common.media.AudioProcessing;
import dev.parley.common.media.AudioSink;
import dev.parley.common.media.AudioSource;
import dev.parley.common.call.CallControl;
import dev.parley.common.call.CallEvent;
import dev.parley.common.call.CallEvents;
import dev.parley.common.call.ConnectionState;
import dev.parley.common.call.Participant;
import dev.parley.common.call.ParticipantStatus;
import dev.parley.common.domain.PeerId;
import dev.parley.common.video.VideoSource;
import dev.parley.common.video.VideoStreamKind;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The call screen's state, fed by the engine's {@link CallEvents} and by the user's commands.
 *
 * <p>{@link #on(CallEvent)} may be called from any thread and never blocks: it hands each event to the
 * UI executor (the Swing event thread in the app, a direct executor in tests). Speaking levels and
 * stats are coalesced, so a busy engine cannot flood the event queue. The video sink reports streams
 * starting and ending the same way ({@link #remoteVideo}, {@link #ownVideoEnded}). Everything else,
 * the commands and the listeners included, runs on the UI executor only.
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
    private final Map<PeerId, Set<VideoStreamKind>> liveVideo = new HashMap<>();
    private final Map<VideoStreamKind, OwnStream> own = new EnumMap<>(VideoStreamKind.class);
    private final StageLayout layout = new StageLayout();
    private final ActiveSpeaker activeSpeaker = new ActiveSpeaker();
    private boolean videoAvailable;
    private Optional<String> videoNotice = Optional.empty();
    private CallControl control;
    private ConnectionState state = ConnectionState.CONNECTING;
    private String detail = "";
    private String relay = "";
    private boolean muted;
    private boolean pushToTalk;
    private ProcessingControls processing = ProcessingControls.NOT_YET;
    private CallView.Ended ended;
    private CallView current;

    public CallViewModel(String ownName, VerifiedContacts contacts, Executor ui, Clock clock, StatsFormat format) {
        this.ownName = ownName;
        this.contacts = contacts;
        this.ui = ui;
        this.clock = clock;
        this.stats = new StatsViewModel(clock, format);
        for (VideoStreamKind kind : VideoStreamKind.values()) {
            own.put(kind, new OwnStream());
        }
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

    /**
     * A peer's video stream of {@code kind} began showing pictures ({@code live}) or ended. Any thread;
     * handed to the UI executor like the engine's events.
     */
    public void remoteVideo(PeerId peer, VideoStreamKind kind, boolean live) {
        handOver(() -> applyRemoteVideo(peer, kind, live), "remote video");
    }

    /**
     * Our own stream of {@code kind} stopped (the engine's word: turned off, or its device or codec
     * failed); {@code reason}, when not blank, is shown. Any thread.
     */
    public void ownVideoEnded(VideoStreamKind kind, String reason) {
        handOver(() -> applyOwnVideoEnded(kind, reason), "own video ended");
    }

    private void handOver(Runnable task, String what) {
        try {
            ui.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "UI gone; dropping {0}", what);
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

    /**
     * Connects the commands to the running call. Events that came earlier have been applied already.
     *
     * @param videoAvailable whether the call can send video (it has codecs); if not, the camera and
     *                       share buttons say so instead of opening a device
     */
    public void attach(CallControl running, boolean videoAvailable) {
        control = running;
        this.videoAvailable = videoAvailable;
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

    /**
     * What cleans up the microphone in this call: the settings it runs, or why nothing can run here
     * ({@code unavailable}, a sentence).
     */
    public void audioProcessing(AudioProcessing settings, Optional<String> unavailable) {
        processing = new ProcessingControls(settings, unavailable);
        publish();
    }

    /**
     * The user switched clean-ups on or off; the host applies them to the call and remembers them.
     * Ignored where nothing can run.
     */
    public void setAudioProcessing(AudioProcessing settings) {
        if (processing.available()) {
            processing = new ProcessingControls(settings, Optional.empty());
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

    // ---- video ----

    /**
     * The user turned on the camera or asked to share a screen. Returns the ticket of the open the
     * caller now does off the event thread, to hand back to {@link #videoOpened} or
     * {@link #videoFailed}; empty when there is nothing to open (not in a call, or no video in this
     * build: the notice says so).
     */
    public OptionalLong beginVideo(VideoStreamKind kind) {
        if (control == null || ended != null) {
            return OptionalLong.empty();
        }
        if (!videoAvailable) {
            videoNotice = Optional.of(VideoControls.NOT_AVAILABLE);
            publish();
            return OptionalLong.empty();
        }
        long ticket = own.get(kind).begin();
        videoNotice = Optional.empty();
        publish();
        return OptionalLong.of(ticket);
    }

    /**
     * The device of {@code ticket} is open: the call sends from it. A source that no longer counts
     * (turned off meanwhile, the call over) is closed instead.
     */
    public void videoOpened(VideoStreamKind kind, long ticket, VideoSource source) {
        if (control == null || ended != null || !own.get(kind).opened(ticket)) {
            source.close();
            return;
        }
        control.startVideo(source);
        publish();
    }

    /**
     * The open of {@code ticket} failed ({@code sentence} says why) or was cancelled (empty): the
     * button goes back to off, or a running stream goes on.
     */
    public void videoFailed(VideoStreamKind kind, long ticket, Optional<String> sentence) {
        if (own.get(kind).failed(ticket)) {
            sentence.filter(t -> !t.isBlank()).ifPresent(t -> videoNotice = Optional.of(t));
            publish();
        }
    }

    /** The user turned the camera off or stopped sharing. */
    public void stopVideo(VideoStreamKind kind) {
        boolean wasOn = own.get(kind).stop();
        if (wasOn && control != null) {
            control.stopVideo(kind);
        }
        publish();
    }

    /** Says {@code sentence} in the video notice line, e.g. that there is no screen to share. */
    public void videoNotice(String sentence) {
        videoNotice = Optional.of(sentence);
        publish();
    }

    public void dismissVideoNotice() {
        videoNotice = Optional.empty();
        publish();
    }

    /** A double-click on an item: it becomes the main view, or the main view goes back. */
    public void toggleEnlarged(String itemId) {
        layout.toggle(itemId, current.stage());
        publish();
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
        } else if (event instanceof CallEvent.RelayChanged r) {
            relay = r.relay();
        } else if (event instanceof CallEvent.ParticipantChanged c) {
            participants.put(c.participant().peerId(), c.participant());
        } else if (event instanceof CallEvent.ParticipantLeft l) {
            participants.remove(l.peerId());
            meters.remove(l.peerId());
            volumes.remove(l.peerId());
            liveVideo.remove(l.peerId());
            layout.screenEnded(ScreenShareModel.itemId(l.peerId()));
            layout.itemGone(l.peerId().toString());
            activeSpeaker.forget(l.peerId().toString());
        } else if (event instanceof CallEvent.SpeakingLevels levels) {
            long now = clock.millis();
            ownMeter.update(levels.own(), now);
            Map<String, Double> byTile = new HashMap<>();
            byTile.put(ParticipantTileModel.SELF_ID, muted ? 0.0 : levels.own());
            for (PeerId id : participants.keySet()) {
                double level = levels.peers().getOrDefault(id, 0.0);
                meters.computeIfAbsent(id, k -> new SpeakingMeter()).update(level, now);
                byTile.put(id.toString(), level);
            }
            activeSpeaker.update(byTile, now);
        } else if (event instanceof CallEvent.KeysRotated k) {
            stats.keysRotated(k.keyId(), k.at());
        } else if (event instanceof CallEvent.StatsUpdated s) {
            stats.update(s.stats());
        } else if (event instanceof CallEvent.CallEnded e) {
            state = ConnectionState.ENDED;
            ended = new CallView.Ended(e.clean(), EndNotice.forEnded(e));
            own.values().forEach(OwnStream::stop);
        }
        publish();
    }

    private void applyRemoteVideo(PeerId peer, VideoStreamKind kind, boolean live) {
        Set<VideoStreamKind> kinds = liveVideo.computeIfAbsent(peer, p -> EnumSet.noneOf(VideoStreamKind.class));
        boolean changed = live ? kinds.add(kind) : kinds.remove(kind);
        if (kinds.isEmpty()) {
            liveVideo.remove(peer);
        }
        if (kind == VideoStreamKind.SCREEN) {
            if (live) {
                layout.screenStarted(ScreenShareModel.itemId(peer));
            } else {
                layout.screenEnded(ScreenShareModel.itemId(peer));
            }
        }
        if (changed) {
            publish();
        }
    }

    private void applyOwnVideoEnded(VideoStreamKind kind, String reason) {
        // A stream that was replaced (another camera picked) ends while its successor runs: the
        // engine still sends, so the button stays on.
        if (control != null && control.isSendingVideo(kind)) {
            return;
        }
        own.get(kind).stop();
        if (reason != null && !reason.isBlank()) {
            videoNotice = Optional.of(reason);
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
        // Highlighting the only person in the call says nothing.
        Optional<String> active = participants.isEmpty() ? Optional.empty() : activeSpeaker.current(now);
        ParticipantTileModel self = ParticipantTileModel.forSelf(ownName, muted, ownMeter.reading(now))
                .withVideo(own.get(VideoStreamKind.CAMERA).state() == OwnVideoState.ON,
                        active.filter(ParticipantTileModel.SELF_ID::equals).isPresent());
        List<ParticipantTileModel> peers = new ArrayList<>(participants.size());
        for (Participant p : participants.values()) {
            peers.add(tile(p).withVideo(live(p.peerId(), VideoStreamKind.CAMERA),
                    active.filter(p.peerId().toString()::equals).isPresent()));
        }
        StatsView statsView = stats.view(id -> Optional.ofNullable(participants.get(id)).map(this::nameOf));
        List<ScreenShareModel> screens = new ArrayList<>();
        for (String item : layout.screens()) {
            participants.values().stream().filter(p -> ScreenShareModel.itemId(p.peerId()).equals(item)).findFirst()
                    .ifPresent(p -> screens.add(new ScreenShareModel(item, p.peerId(), screenCaption(nameOf(p)))));
        }
        List<String> tileIds = new ArrayList<>(peers.size() + 1);
        tileIds.add(self.tileId());
        peers.forEach(t -> tileIds.add(t.tileId()));
        Stage stage = layout.stage(tileIds, screens.stream().map(ScreenShareModel::itemId).toList());
        VideoControls video = new VideoControls(videoAvailable, own.get(VideoStreamKind.CAMERA).state(),
                own.get(VideoStreamKind.SCREEN).state(), videoNotice);
        return new CallView(state, statusText(), muted, pushToTalk, self, peers, statsView, Optional.ofNullable(ended),
                video, screens, stage, processing);
    }

    private boolean live(PeerId peer, VideoStreamKind kind) {
        Set<VideoStreamKind> kinds = liveVideo.get(peer);
        return kinds != null && kinds.contains(kind);
    }

    private static String screenCaption(String name) {
        return ParticipantTileModel.UNKNOWN_NAME.equals(name) ? "A shared screen" : name + "\u2019s screen";
    }

    private String nameOf(Participant p) {
        return p.displayName().flatMap(DisplayNames::clean).orElse(ParticipantTileModel.UNKNOWN_NAME);
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
                        + (present == 2 ? " other person" : " others")) + " \u00b7 end-to-end encrypted"
                        + (relay.isBlank() ? "" : " \u00b7 relay " + relay);
            }
            case RECONNECTING -> "Connection lost. Reconnecting\u2026" + (detail.isBlank() ? "" : " " + detail);
            case ENDED -> ended != null && !ended.clean() ? "The call ended." : "You left the call.";
        };
    }
}
