package dev.parley.common.call;

import dev.parley.common.video.VideoCodecs;
import dev.parley.common.video.VideoSettings;
import dev.parley.common.video.VideoSink;

/**
 * A call's video: where codecs come from, where decoded pictures go, and how to send. A call
 * without codecs ({@link #NONE}) neither sends nor shows video; received video datagrams are
 * dropped unopened.
 */
public record VideoSetup(VideoCodecs codecs, VideoSink sink, VideoSettings settings) {
    public static final VideoSetup NONE = new VideoSetup(null, VideoSink.NONE, VideoSettings.defaults());

    public VideoSetup {
        sink = sink == null ? VideoSink.NONE : sink;
        settings = settings == null ? VideoSettings.defaults() : settings;
    }

    public boolean enabled() {
        return codecs != null;
    }
}
