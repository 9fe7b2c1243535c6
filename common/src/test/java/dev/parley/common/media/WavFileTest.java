package dev.parley.common.media;

import dev.parley.common.testing.audio.AudioCompare;
import dev.parley.common.testing.audio.TestAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WavFileTest {
    @TempDir
    Path dir;

    @Test
    void speechRoundTripsBitExactly() throws IOException {
        short[] speech = TestAudio.speechA();
        Path file = dir.resolve("out.wav");
        try (WavFileSink sink = new WavFileSink(file)) {
            short[] frame = new short[Pcm.FRAME_SAMPLES];
            for (int f = 0; f < TestAudio.frames(speech); f++) {
                TestAudio.frame(speech, f, frame);
                sink.write(frame);
            }
        }

        assertThat(Files.size(file)).isEqualTo(44 + speech.length * 2L);
        assertThat(readAll(file)).isEqualTo(speech);
        try (WavFileSource source = WavFileSource.open(file)) {
            assertThat(source.sourceFormat().isNative()).isTrue();
            assertThat(source.sourceFormat().dataBytes()).isEqualTo(speech.length * 2L);
        }
    }

    @Test
    void theHeaderIsValidAfterEveryFrameEvenBeforeClose() throws IOException {
        Path file = dir.resolve("open.wav");
        WavFileSink sink = new WavFileSink(file);
        ToneSource tone = new ToneSource(440, 0.5);
        short[] frame = new short[Pcm.FRAME_SAMPLES];
        for (int f = 0; f < 7; f++) {
            tone.read(frame);
            sink.write(frame);
        }
        // as if the process died here: another reader sees a complete, consistent file
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(header.getInt(4)).isEqualTo(bytes.length - 8);
        assertThat(header.getInt(40)).isEqualTo(7 * 1920);
        assertThat(readAll(file)).hasSize(7 * Pcm.FRAME_SAMPLES);
        sink.close();
        sink.close(); // idempotent
        assertThatThrownBy(() -> sink.write(frame)).isInstanceOf(IOException.class);
    }

    @Test
    void stereo44kHzIsMixedDownAndResampledTo48kHz() throws IOException {
        int frames = 44_100; // one second
        // left a 1 kHz tone, right silent: the mono mix is the tone at half amplitude
        byte[] wav = WavWriter.build(1, 2, 44_100, 16, frames,
                c -> i -> c == 0 ? 0.8 * Math.sin(2 * Math.PI * 1000 * i / 44_100.0) : 0);

        short[] mono = read(wav);

        short[] expected = new short[mono.length];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (short) Math.round(0.4 * 32767 * Math.sin(2 * Math.PI * 1000 * i / 48_000.0));
        }
        assertThat(mono.length).isBetween(48_000, 48_000 + Pcm.FRAME_SAMPLES);
        // compare away from the edges, where the file starts and stops abruptly
        int from = 1000;
        int to = 47_000;
        assertThat(AudioCompare.bestLag(Arrays.copyOfRange(expected, from, to), Arrays.copyOfRange(mono, from, to), 50)).isZero();
        assertThat(AudioCompare.pearson(expected, from, mono, from, to - from)).isGreaterThan(0.9999);
        assertThat(maxAbsDifference(expected, mono, from, to)).isLessThanOrEqualTo(2); // rounding only
    }

    @ParameterizedTest(name = "{0}-bit format {1} at {2} Hz, {3} channel(s)")
    @CsvSource({
        "8, 1, 48000, 1",
        "24, 1, 48000, 1",
        "32, 1, 48000, 1",
        "32, 3, 48000, 1",
        "64, 3, 48000, 1",
        "16, 1, 96000, 1",
        "16, 1, 8000, 1",
        "16, 1, 22050, 2",
        "24, 1, 44100, 6",
    })
    void otherPcmLayoutsAreConverted(int bits, int formatTag, int rate, int channels) throws IOException {
        int frames = rate / 2;
        double hz = 440;
        byte[] wav = WavWriter.build(formatTag, channels, rate, bits, frames,
                c -> i -> 0.5 * Math.sin(2 * Math.PI * hz * i / rate));

        short[] mono = read(wav);

        int expectedLength = (int) ((long) frames * 48_000 / rate);
        assertThat(mono.length).isBetween(expectedLength, expectedLength + Pcm.FRAME_SAMPLES);
        short[] expected = new short[mono.length];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (short) Math.round(0.5 * 32767 * Math.sin(2 * Math.PI * hz * i / 48_000.0));
        }
        int from = 2000;
        int to = expectedLength - 2000;
        assertThat(AudioCompare.pearson(expected, from, mono, from, to - from)).isGreaterThan(bits == 8 ? 0.999 : 0.9999);
    }

    @Test
    void theSourceFormatIsReported() throws IOException {
        byte[] wav = WavWriter.build(1, 2, 44_100, 24, 100, c -> i -> 0);
        try (WavFileSource source = new WavFileSource(new ByteArrayInputStream(wav), "x.wav")) {
            assertThat(source.sourceFormat()).isEqualTo(new WavFormat(WavFormat.Encoding.PCM, 2, 44_100, 24, 600));
            assertThat(source.sourceFormat().toString()).isEqualTo("24-bit PCM, 2 channels, 44100 Hz");
            assertThat(source.paced()).isFalse();
        }
    }

    @Test
    void garbageIsRefusedWithAClearMessage() {
        byte[] garbage = "ID3\u0004 this is an mp3 file really".getBytes();
        assertThatThrownBy(() -> read(garbage, "song.mp3"))
                .isInstanceOf(UnsupportedWavException.class)
                .hasMessageStartingWith("song.mp3: not a WAV file");
        assertThatThrownBy(() -> read(new byte[0], "empty.wav"))
                .isInstanceOf(UnsupportedWavException.class)
                .hasMessage("empty.wav: file ends inside the RIFF header");
    }

    @Test
    void compressedWavIsRefusedNamingItsEncoding() {
        byte[] mp3 = WavWriter.wrap(WavWriter.fmt(0x55, 1, 44_100, 16), new byte[100]);
        assertThatThrownBy(() -> read(mp3, "talk.wav"))
                .isInstanceOf(UnsupportedWavException.class)
                .hasMessageContaining("talk.wav")
                .hasMessageContaining("0x0055 (MPEG Layer 3)")
                .hasMessageContaining("only PCM");
        byte[] alaw = WavWriter.wrap(WavWriter.fmt(6, 1, 8000, 8), new byte[100]);
        assertThatThrownBy(() -> read(alaw, "phone.wav")).hasMessageContaining("0x0006 (A-law)");
    }

    @Test
    void oddSampleSizesAndMissingChunksAreRefused() {
        byte[] twelveBit = WavWriter.wrap(WavWriter.fmt(1, 1, 48_000, 12), new byte[100]);
        assertThatThrownBy(() -> read(twelveBit, "a.wav")).hasMessageContaining("12-bit PCM");
        byte[] noData = Arrays.copyOf(WavWriter.build(1, 1, 48_000, 16, 10, c -> i -> 0), 4 + 8 + 18 + 8 + 8 + 16);
        assertThatThrownBy(() -> read(noData, "b.wav")).hasMessageContaining("before a data chunk");
        byte[] rifx = WavWriter.build(1, 1, 48_000, 16, 10, c -> i -> 0);
        rifx[3] = 'X';
        assertThatThrownBy(() -> read(rifx, "c.wav")).hasMessageContaining("RIFX");
    }

    @Test
    void aTruncatedFileOrUnknownDataLengthPlaysWhatIsThere() throws IOException {
        byte[] wav = WavWriter.build(1, 1, 48_000, 16, 2000, c -> i -> 0.25);
        ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).putInt(wav.length - 2000 * 2 - 4, 0xFFFF_FFFF);
        assertThat(read(wav)).hasSize(3 * Pcm.FRAME_SAMPLES).startsWith((short) 8192);
        byte[] cut = Arrays.copyOf(WavWriter.build(1, 1, 48_000, 16, 2000, c -> i -> 0.25), 1000);
        assertThat(read(cut)).hasSize(Pcm.FRAME_SAMPLES);
    }

    @Test
    void toneAndSilenceSourcesAndTheNullSink() throws IOException {
        ToneSource tone = new ToneSource(1000, 0.5, 3);
        short[] frame = new short[Pcm.FRAME_SAMPLES];
        assertThat(tone.read(frame)).isTrue();
        assertThat(Pcm.rmsDbfs(frame)).isCloseTo(20 * Math.log10(0.5 / Math.sqrt(2)), org.assertj.core.data.Offset.offset(0.1));
        assertThat(frame[12]).isEqualTo((short) Math.round(0.5 * 32767 * Math.sin(2 * Math.PI * 1000 * 12 / 48_000.0)));
        assertThat(tone.read(frame)).isTrue();
        assertThat(tone.read(frame)).isTrue();
        assertThat(tone.read(frame)).isFalse();
        assertThat(tone.paced()).isFalse();

        SilenceSource silence = new SilenceSource(1);
        assertThat(silence.read(frame)).isTrue();
        assertThat(frame).containsOnly((short) 0);
        assertThat(silence.read(frame)).isFalse();

        NullSink sink = new NullSink();
        sink.write(frame);
        sink.write(frame);
        assertThat(sink.frames()).isEqualTo(2);
        assertThat(sink.paced()).isFalse();
    }

    private static short[] readAll(Path file) throws IOException {
        try (WavFileSource source = WavFileSource.open(file)) {
            return drain(source);
        }
    }

    private static short[] read(byte[] wav) throws IOException {
        return read(wav, "test.wav");
    }

    private static short[] read(byte[] wav, String name) throws IOException {
        try (WavFileSource source = new WavFileSource(new ByteArrayInputStream(wav), name)) {
            return drain(source);
        }
    }

    private static short[] drain(WavFileSource source) throws IOException {
        short[] all = new short[0];
        short[] frame = new short[Pcm.FRAME_SAMPLES];
        while (source.read(frame)) {
            all = Arrays.copyOf(all, all.length + frame.length);
            System.arraycopy(frame, 0, all, all.length - frame.length, frame.length);
        }
        assertThat(source.read(frame)).isFalse();
        return all;
    }

    private static int maxAbsDifference(short[] a, short[] b, int from, int to) {
        int max = 0;
        for (int i = from; i < to; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
