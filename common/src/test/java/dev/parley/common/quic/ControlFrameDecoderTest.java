package dev.parley.common.quic;

import dev.parley.common.domain.DecodeError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ControlFrameDecoderTest {

    @Test
    void splitsFramesAcrossArbitraryChunking() {
        EmbeddedChannel ch = new EmbeddedChannel(new ControlFrameDecoder());
        ByteBuf all = Unpooled.buffer();
        all.writeInt(3).writeBytes(new byte[] {1, 2, 3}).writeInt(1).writeByte(9);
        while (all.isReadable()) {
            ch.writeInbound(all.readRetainedSlice(1));
        }
        all.release();
        assertThat((byte[]) ch.readInbound()).containsExactly(1, 2, 3);
        assertThat((byte[]) ch.readInbound()).containsExactly(9);
        assertThat((Object) ch.readInbound()).isNull();
    }

    @Test
    void acceptsTheLargestFrame() {
        EmbeddedChannel ch = new EmbeddedChannel(new ControlFrameDecoder());
        ch.writeInbound(Unpooled.buffer().writeInt(65536).writeBytes(new byte[65536]));
        assertThat((byte[]) ch.readInbound()).hasSize(65536);
    }

    @Test
    void refusesAHugeLengthAsSoonAsItsPrefixArrivesOnceAndThenIgnoresTheStream() {
        EmbeddedChannel ch = new EmbeddedChannel(new ControlFrameDecoder());
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.buffer().writeInt(10 * 1024 * 1024)))
                .isInstanceOfSatisfying(ControlFrameException.class,
                        e -> assertThat(e.error().reason()).isEqualTo(DecodeError.Reason.TOO_LARGE));
        ch.writeInbound(Unpooled.buffer().writeInt(1).writeByte(1));
        assertThat((Object) ch.readInbound()).isNull();
        ch.checkException();
    }

    @Test
    void refusesZeroLength() {
        EmbeddedChannel ch = new EmbeddedChannel(new ControlFrameDecoder());
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.buffer().writeInt(0)))
                .isInstanceOf(ControlFrameException.class);
    }

    @Test
    void releasesWhatItReads() {
        EmbeddedChannel ch = new EmbeddedChannel(new ControlFrameDecoder());
        ByteBuf in = Unpooled.buffer().writeInt(2).writeShort(5);
        ch.writeInbound(in);
        assertThat(in.refCnt()).isZero();
        assertThat((byte[]) ch.readInbound()).containsExactly(0, 5);
    }

    @Test
    void encoderPrefixesTheLengthAndRefusesBadSizes() {
        EmbeddedChannel ch = new EmbeddedChannel(ControlFrameEncoder.INSTANCE);
        ch.writeOutbound((Object) new byte[] {7, 8});
        ByteBuf out = ch.readOutbound();
        assertThat(out.readInt()).isEqualTo(2);
        assertThat(out.readByte()).isEqualTo((byte) 7);
        out.release();
        assertThatThrownBy(() -> ControlFrameEncoder.frame(Unpooled.buffer().alloc(), new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ControlFrameEncoder.frame(Unpooled.buffer().alloc(), new byte[65537]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
