package dev.parley.common.quic;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;

import java.util.List;

/**
 * Frames {@code byte[]} payloads written to a control stream as {@code u32(len) || payload}.
 * Already framed {@link ByteBuf}s (see {@link #frame}) pass through untouched, so a relay can frame
 * once and write the same bytes to many members.
 */
@ChannelHandler.Sharable
public final class ControlFrameEncoder extends MessageToMessageEncoder<byte[]> {
    public static final ControlFrameEncoder INSTANCE = new ControlFrameEncoder();

    private ControlFrameEncoder() {
        super(byte[].class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, byte[] payload, List<Object> out) {
        out.add(frame(ctx.alloc(), payload));
    }

    /** One frame: the length prefix and the payload, which must be 1..65536 bytes. */
    public static ByteBuf frame(ByteBufAllocator alloc, byte[] payload) {
        checkLength(payload.length);
        ByteBuf buf = alloc.buffer(4 + payload.length);
        buf.writeInt(payload.length);
        buf.writeBytes(payload);
        return buf;
    }

    static void checkLength(int length) {
        if (length < 1 || length > QuicTransport.MAX_FRAME_PAYLOAD) {
            throw new IllegalArgumentException("a control payload is 1.." + QuicTransport.MAX_FRAME_PAYLOAD
                    + " bytes, got " + length);
        }
    }
}
