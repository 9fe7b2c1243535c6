package dev.parley.common.quic;

import dev.parley.common.domain.DecodeError;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Splits a control stream into frame payloads: {@code u32(len) || payload} with
 * {@code 1 <= len <= 65536} (PROTOCOL.md section 4). Emits each payload as a {@code byte[]}. A bad
 * length is reported as soon as its four bytes have arrived (a 10 MB prefix is never buffered) by
 * firing a {@link ControlFrameException}; everything after it is discarded.
 */
public final class ControlFrameDecoder extends ByteToMessageDecoder {
    private boolean failed;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.readableBytes() >= 4) {
            long length = in.getUnsignedInt(in.readerIndex());
            if (length < 1 || length > QuicTransport.MAX_FRAME_PAYLOAD) {
                failed = true;
                in.skipBytes(in.readableBytes());
                throw new ControlFrameException(DecodeError.of(
                        length < 1 ? DecodeError.Reason.INVALID : DecodeError.Reason.TOO_LARGE,
                        "control frame length " + length + " is outside 1.." + QuicTransport.MAX_FRAME_PAYLOAD));
            }
            if (in.readableBytes() < 4 + length) {
                return;
            }
            in.skipBytes(4);
            byte[] payload = new byte[(int) length];
            in.readBytes(payload);
            out.add(payload);
        }
    }
}
