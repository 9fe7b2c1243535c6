package dev.parley.common.video;

/**
 * What a video stream shows. A sender's camera and screen share are two streams with their own
 * ssrcs; the kind travels as bit 1 of the chunk flags (PROTOCOL.md section 6), inside the
 * ciphertext.
 */
public enum VideoStreamKind {
    CAMERA,
    SCREEN
}
