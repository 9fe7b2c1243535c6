package dev.parley.client.audio.processing;

import dev.parley.common.media.AudioProcessing;
import dev.parley.common.media.AudioProcessor;
import dev.parley.common.media.Pcm;

import java.util.Arrays;

/**
 * Run in a child JVM by {@link NativeAudioProcessingTest}: says what {@link NativeAudioProcessing#shared()}
 * offers in a process without the WebRTC natives (or with processing turned off), one fact per line.
 */
public final class ProcessingUnavailableProbe {

    public static void main(String[] args) {
        NativeAudioProcessing processing = NativeAudioProcessing.shared();
        System.out.println("available=" + processing.available());
        System.out.println("reason=" + processing.unavailableReason().orElse(""));
        try (AudioProcessor processor = processing.open(AudioProcessing.ALL)) {
            short[] frame = new short[Pcm.FRAME_SAMPLES];
            for (int i = 0; i < frame.length; i++) {
                frame[i] = (short) (i * 31);
            }
            short[] before = frame.clone();
            processor.farEnd(frame, 40);
            processor.nearEnd(frame);
            System.out.println("processor=" + (processor == AudioProcessor.NONE ? "none" : "webrtc"));
            System.out.println("untouched=" + Arrays.equals(before, frame));
            System.out.println("stats=" + processor.stats().equals(dev.parley.common.media.AudioProcessorStats.NONE));
        }
        System.out.flush();
    }
}
