package dev.parley.common.media;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VideoChunkingTest {
    private final VideoChunker chunker = new VideoChunker();
    private final VideoReassembler reassembler = new VideoReassembler();

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 1035, 1036, 1037, 2072, 4_000, 23_000, 100_000})
    void chunksFitADatagramAndAreNearlyEqual(int size) {
        byte[] frame = randomBytes(size, size);

        List<VideoFragment> chunks = chunker.split(7, true, VideoFragment.CODEC_VP8, frame);

        assertThat(chunks).hasSize(Math.max(1, (size + 1035) / 1036));
        int total = 0;
        for (VideoFragment c : chunks) {
            assertThat(38 + VideoChunker.CHUNK_HEADER_BYTES + c.length() + 16).isLessThanOrEqualTo(1100);
            assertThat(c.count()).isEqualTo(chunks.size());
            assertThat(c.frameId()).isEqualTo(7);
            assertThat(c.keyframe()).isTrue();
            assertThat(c.codec()).isEqualTo(VideoFragment.CODEC_VP8);
            assertThat(c.offset()).isEqualTo(total);
            total += c.length();
        }
        assertThat(total).isEqualTo(size);
        IntSummary lengths = IntSummary.of(chunks.stream().mapToInt(VideoFragment::length).toArray());
        assertThat(lengths.max - lengths.min).isLessThanOrEqualTo(1);
        assertThat(VideoChunker.MAX_CHUNK_BYTES).isEqualTo(1036);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void shuffledAndDuplicatedChunksReassembleEveryFrame(long seed) {
        Random random = new Random(seed);
        // three frames in flight at once, their chunks interleaved in random order, some sent twice
        List<byte[]> frames = new ArrayList<>();
        List<VideoFragment> wire = new ArrayList<>();
        for (int id = 100; id < 103; id++) {
            byte[] frame = randomBytes(1 + random.nextInt(12_000), seed * 31 + id);
            frames.add(frame);
            List<VideoFragment> chunks = chunker.split(id, id == 100, VideoFragment.CODEC_H264, frame);
            wire.addAll(chunks);
            wire.add(chunks.get(random.nextInt(chunks.size())));
        }
        Collections.shuffle(wire, random);

        List<VideoFrame> out = new ArrayList<>();
        for (VideoFragment c : wire) {
            reassembler.offer(c).ifPresent(out::add);
        }

        // frames come out in id order; an older one finishing after a newer one is given up
        assertThat(out).extracting(VideoFrame::frameId).isSorted().doesNotHaveDuplicates();
        assertThat(out).isNotEmpty();
        for (VideoFrame f : out) {
            assertThat(f.data()).isEqualTo(frames.get((int) f.frameId() - 100));
            assertThat(f.codec()).isEqualTo(VideoFragment.CODEC_H264);
            assertThat(f.keyframe()).isEqualTo(f.frameId() == 100);
        }
        VideoReassemblyStats stats = reassembler.stats();
        // a frame whose chunks all came after a newer frame completed is only counted as stale chunks
        assertThat(stats.completed() + stats.incomplete()).isBetween(1L, 3L);
        assertThat(stats.duplicates() + stats.stale()).isGreaterThanOrEqualTo(1);
        assertThat(reassembler.framesInFlight()).isZero();
    }

    @Test
    void framesInOrderWithChunksOutOfOrderAllComeOut() {
        Random random = new Random(9);
        for (int id = 0; id < 30; id++) {
            byte[] frame = randomBytes(500 + random.nextInt(8_000), id);
            List<VideoFragment> chunks = new ArrayList<>(chunker.split(id, id % 10 == 0, VideoFragment.CODEC_VP8, frame));
            Collections.shuffle(chunks, random);
            Optional<VideoFrame> done = Optional.empty();
            for (VideoFragment c : chunks) {
                assertThat(done).isEmpty();
                done = reassembler.offer(c);
            }
            assertThat(done).get().satisfies(f -> assertThat(f.data()).isEqualTo(frame));
        }
        assertThat(reassembler.stats().completed()).isEqualTo(30);
        assertThat(reassembler.keyframeNeeded()).isFalse();
    }

    @Test
    void anIncompleteFrameIsDroppedWhenANewerOneCompletesAndItsLateChunksAreStale() {
        List<VideoFragment> first = chunker.split(1, true, VideoFragment.CODEC_VP8, randomBytes(3_000, 1));
        List<VideoFragment> second = chunker.split(2, false, VideoFragment.CODEC_VP8, randomBytes(3_000, 2));
        List<VideoFragment> third = chunker.split(3, false, VideoFragment.CODEC_VP8, randomBytes(3_000, 3));

        reassembler.offer(first.get(0));
        reassembler.offer(first.get(1)); // chunk 2 of frame 1 is late
        second.forEach(reassembler::offer);
        assertThat(reassembler.keyframeNeeded()).isTrue();
        assertThat(reassembler.offer(first.get(2))).isEmpty();

        assertThat(reassembler.stats().incomplete()).isEqualTo(1);
        assertThat(reassembler.stats().stale()).isEqualTo(1);
        assertThat(reassembler.framesInFlight()).isZero();

        // a delta frame does not repair the stream; the next keyframe does
        third.forEach(reassembler::offer);
        assertThat(reassembler.keyframeNeeded()).isTrue();
        chunker.split(4, true, VideoFragment.CODEC_VP8, randomBytes(100, 4)).forEach(reassembler::offer);
        assertThat(reassembler.keyframeNeeded()).isFalse();
    }

    @Test
    void deltaFramesBeforeAnyKeyframeAskForOne() {
        chunker.split(50, false, VideoFragment.CODEC_VP8, randomBytes(100, 50)).forEach(reassembler::offer);
        assertThat(reassembler.stats().completed()).isEqualTo(1);
        assertThat(reassembler.keyframeNeeded()).isTrue();
    }

    @Test
    void aFrameLostEntirelyAlsoAsksForAKeyframe() {
        chunker.split(10, true, VideoFragment.CODEC_VP8, randomBytes(100, 10)).forEach(reassembler::offer);
        chunker.split(12, false, VideoFragment.CODEC_VP8, randomBytes(100, 12)).forEach(reassembler::offer);
        assertThat(reassembler.keyframeNeeded()).isTrue();
        assertThat(reassembler.stats().completed()).isEqualTo(2);
    }

    @Test
    void framesInFlightAreBounded() {
        for (int id = 0; id < 40; id++) {
            List<VideoFragment> chunks = chunker.split(id, false, VideoFragment.CODEC_VP8, randomBytes(5_000, id));
            reassembler.offer(chunks.get(0)); // never completes
            assertThat(reassembler.framesInFlight()).isLessThanOrEqualTo(8);
        }
        assertThat(reassembler.stats().incomplete()).isEqualTo(32);
        // a chunk of a frame older than every one in flight is not let in
        reassembler.offer(chunker.split(5, false, VideoFragment.CODEC_VP8, randomBytes(5_000, 5)).get(1));
        assertThat(reassembler.stats().stale()).isEqualTo(1);
        assertThat(reassembler.framesInFlight()).isEqualTo(8);
    }

    @Test
    void frameIdsWrapAround() {
        long[] ids = {0xFFFF_FFFEL, 0xFFFF_FFFFL, 0, 1};
        List<Long> out = new ArrayList<>();
        for (long id : ids) {
            chunker.split(id, id == ids[0], VideoFragment.CODEC_VP8, randomBytes(2_500, id)).forEach(c ->
                    reassembler.offer(c).ifPresent(f -> out.add(f.frameId())));
        }
        assertThat(out).containsExactly(0xFFFF_FFFEL, 0xFFFF_FFFFL, 0L, 1L);
        assertThat(reassembler.keyframeNeeded()).isFalse();
        // after the wrap, an old id is stale
        reassembler.offer(chunker.split(0xFFFF_FFF0L, false, VideoFragment.CODEC_JPEG, new byte[10]).get(0));
        assertThat(reassembler.stats().stale()).isEqualTo(1);
    }

    @Test
    void chunksThatContradictTheirFrameAreDropped() {
        byte[] bytes = randomBytes(3_000, 1);
        List<VideoFragment> chunks = chunker.split(1, false, VideoFragment.CODEC_VP8, bytes);
        reassembler.offer(chunks.get(0));
        // the same frame id claiming another chunk count
        reassembler.offer(new VideoFragment(1, 1, 5, 0, VideoFragment.CODEC_VP8, bytes, 0, 10));
        assertThat(reassembler.stats().malformed()).isEqualTo(1);
        assertThat(reassembler.framesInFlight()).isZero();

        VideoReassembler small = new VideoReassembler(4, 2_000);
        chunker.split(1, false, VideoFragment.CODEC_VP8, bytes).forEach(small::offer);
        assertThat(small.stats().completed()).isZero();
        assertThat(small.stats().malformed()).isEqualTo(1);
        assertThat(small.offer(9, 3, 2, 0, 1, bytes, 0, 10)).isEmpty(); // index beyond count
        assertThat(small.stats().malformed()).isEqualTo(2);
    }

    @Test
    void fieldsOutOfRangeAreRefused() {
        byte[] b = new byte[10];
        assertThatThrownBy(() -> new VideoFragment(-1, 0, 1, 0, 1, b, 0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VideoFragment(0x1_0000_0000L, 0, 1, 0, 1, b, 0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VideoFragment(0, 1, 1, 0, 1, b, 0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VideoFragment(0, 0, 0x10000, 0, 1, b, 0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VideoFragment(0, 0, 1, 256, 1, b, 0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VideoFragment(0, 0, 1, 0, 1, b, 5, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> chunker.split(0, false, 1, new byte[0], 0, 65_536 * 1036))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private record IntSummary(int min, int max) {
        static IntSummary of(int[] values) {
            return new IntSummary(IntStream.of(values).min().orElse(0), IntStream.of(values).max().orElse(0));
        }
    }
}
