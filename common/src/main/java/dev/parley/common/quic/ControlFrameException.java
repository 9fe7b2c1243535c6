package dev.parley.common.quic;

import dev.parley.common.domain.DecodeError;
import io.netty.handler.codec.DecoderException;

/**
 * The control stream carried a frame that breaks PROTOCOL.md section 4 (a length outside
 * 1..65536). Fired through the pipeline by {@link ControlFrameDecoder}; after it the stream is
 * unusable, since the frame boundaries are lost.
 */
public final class ControlFrameException extends DecoderException {
    private final transient DecodeError error;

    public ControlFrameException(DecodeError error) {
        super(error.message());
        this.error = error;
    }

    public DecodeError error() {
        return error;
    }
}
