package dev.parley.common.cbor;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.io.IOContext;
import tools.jackson.dataformat.cbor.CBORFactory;
import tools.jackson.dataformat.cbor.CBORGenerator;
import tools.jackson.dataformat.cbor.CBORReadFeature;
import tools.jackson.dataformat.cbor.CBORWriteFeature;

import java.io.OutputStream;

/**
 * The one Jackson CBOR factory of the codec, set up for PROTOCOL.md 5.1: Jackson's own duplicate-key
 * detection and nesting limit on, shortest integers, no string references or type headers, and no
 * length limits of Jackson's beyond the input's (the frame size bounds a control payload). Its
 * generators can also write a pre-encoded item, for the few items Jackson has no method for.
 */
final class CborFormat extends CBORFactory {
    private static final long serialVersionUID = 1L;

    static final CborFormat FACTORY = new CborFormat(CBORFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(CborReader.MAX_DEPTH)
                    .maxNameLength(Integer.MAX_VALUE)
                    .maxStringLength(Integer.MAX_VALUE)
                    .build())
            .enable(CBORWriteFeature.WRITE_MINIMAL_INTS)
            .disable(CBORWriteFeature.STRINGREF)
            .disable(CBORWriteFeature.WRITE_TYPE_HEADER)
            .enable(CBORReadFeature.READ_SIMPLE_VALUE_AS_EMBEDDED_OBJECT)
            .enable(CBORReadFeature.READ_UNDEFINED_AS_EMBEDDED_OBJECT)
            .build());

    private CborFormat(CBORFactory configured) {
        super(configured);
    }

    @Override
    protected JsonGenerator _createGenerator(ObjectWriteContext writeCtxt, IOContext ioCtxt, OutputStream out) {
        return new Generator(writeCtxt, ioCtxt, writeCtxt.getStreamWriteFeatures(_streamWriteFeatures),
                writeCtxt.getFormatWriteFeatures(_formatWriteFeatures), out);
    }

    /** A CBORGenerator that can also write one complete, already encoded item as a value. */
    static final class Generator extends CBORGenerator {
        Generator(ObjectWriteContext writeCtxt, IOContext ioCtxt, int streamFeatures, int formatFeatures,
                  OutputStream out) {
            super(writeCtxt, ioCtxt, streamFeatures, formatFeatures, out);
        }

        /** {@code item} counts as one value in the enclosing array or map, as Jackson's own writes do. */
        void writeEncodedValue(byte[] item) {
            _verifyValueWrite("write an encoded value");
            writeBytes(item, 0, item.length);
        }
    }
}
