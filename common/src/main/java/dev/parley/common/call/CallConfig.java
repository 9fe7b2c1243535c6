package dev.parley.common.call;

import dev.parley.common.media.AudioProcessor;
import dev.parley.common.media.AudioSink;
import dev.parley.common.media.AudioSource;
import dev.parley.common.crypto.IdentityKeyPair;
import dev.parley.common.domain.RoomLink;

/**
 * Everything a call session needs to start.
 *
 * @param link          the invite link (room secret, relay address, optional certificate pin)
 * @param identity      the user's long-term Ed25519 identity
 * @param displayName   1 to 64 code points, sealed in the profile so the relay never sees it
 * @param token         access token for a token-mode relay; empty for an open relay
 * @param source        outgoing audio, or null to send nothing
 * @param sink          incoming mixed audio, or null to play nothing
 * @param options       timers and codec settings
 * @param clientVersion sent in Hello
 * @param video         codecs, sink and settings of video; {@link VideoSetup#NONE} for an audio-only call
 * @param audioProcessor cleans up a live source's sound (echo, noise, gain); {@link AudioProcessor#NONE}
 *                      sends it as captured. The session owns it, as it owns the source and sink, and
 *                      closes it when the call ends. A source that is not live (a file) is never processed.
 */
public record CallConfig(RoomLink link, IdentityKeyPair identity, String displayName, String token,
                         AudioSource source, AudioSink sink, CallOptions options, String clientVersion,
                         VideoSetup video, AudioProcessor audioProcessor) {

    /** An audio-only call. */
    public CallConfig(RoomLink link, IdentityKeyPair identity, String displayName, String token,
                      AudioSource source, AudioSink sink, CallOptions options, String clientVersion) {
        this(link, identity, displayName, token, source, sink, options, clientVersion, VideoSetup.NONE);
    }

    /** A call without audio processing. */
    public CallConfig(RoomLink link, IdentityKeyPair identity, String displayName, String token,
                      AudioSource source, AudioSink sink, CallOptions options, String clientVersion,
                      VideoSetup video) {
        this(link, identity, displayName, token, source, sink, options, clientVersion, video, AudioProcessor.NONE);
    }

    public CallConfig {
        video = video == null ? VideoSetup.NONE : video;
        audioProcessor = audioProcessor == null ? AudioProcessor.NONE : audioProcessor;
        if (link == null || identity == null || displayName == null || options == null) {
            throw new IllegalArgumentException("link, identity, display name and options are required");
        }
        token = token == null ? "" : token;
        clientVersion = clientVersion == null ? "parley-java" : clientVersion;
    }

    public CallConfig withVideo(VideoSetup setup) {
        return new CallConfig(link, identity, displayName, token, source, sink, options, clientVersion, setup,
                audioProcessor);
    }

    public CallConfig withAudioProcessor(AudioProcessor processor) {
        return new CallConfig(link, identity, displayName, token, source, sink, options, clientVersion, video,
                processor);
    }

    @Override
    public String toString() {
        return "CallConfig[link=" + link + ", name=<hidden>, token=<redacted>]";
    }
}
