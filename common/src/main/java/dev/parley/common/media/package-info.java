/**
 * Media processing of a call, free of I/O threads and devices: Opus encoding and decoding
 * (Concentus), the adaptive jitter buffer with loss concealment and FEC recovery, the mixer and
 * level meters, WAV file sources and sinks, test signal sources, and the splitting of encoded video
 * frames into datagram-sized chunks and their reassembly.
 *
 * <p>Audio everywhere is 48 kHz mono 16-bit PCM in 20 ms frames of {@value Pcm#FRAME_SAMPLES}
 * samples. Unless a class says otherwise it is not thread-safe: the call engine confines each
 * instance to its media thread.
 */
package dev.parley.common.media;
