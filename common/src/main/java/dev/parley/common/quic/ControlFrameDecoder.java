package dev.parley.common.quic;

import dev.parley.common.domain.Decoded;
import dev.parley.common.wire.FrameDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.util.List;

/**
 * Splits a control stream into frame payloads ({@code u32(len) || payload}, {@code 1 <= len <=
 * 65536}, PROTOCOL.md section 4) with the pure {@link FrameDecoder}, and passes each payload on as
 * a {@code byte[]}. A bad length is reported as soon as its four bytes have arrived (a 10 MB prefix
 * is never buffered) by firing one {@link ControlFrameException}; everything after it is discarded.
 * One instance per stream.
 */
public final class ControlFrameDecoder extends ChannelInboundHandlerAdapter {
    private final FrameDecoder frames = new FrameDecoder();
    private boolean reported;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        Decoded<List<byte[]>> result;
        try {
            result = frames.feed(buf.nioBuffer());
        } finally {
            buf.release();
        }
        if (result instanceof Decoded.Ok<List<byte[]>> ok) {
            for (byte[] payload : ok.value()) {
                ctx.fireChannelRead(payload);
            }
        } else if (!reported) {
            reported = true;
            ctx.fireExceptionCaught(new ControlFrameException(result.errorOrNull()));
        }
    }
}
