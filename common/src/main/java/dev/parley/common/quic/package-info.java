/**
 * The QUIC transport shared by the relay and the clients (PROTOCOL.md section 4): TLS material and
 * certificate pinning, the length-prefixed control-stream framing as Netty handlers, the codec
 * settings both ends use, and {@link dev.parley.common.quic.RelayConnection}, the client side of one
 * relay connection.
 *
 * <p>Nothing here decodes control messages or media: payloads travel as opaque {@code byte[]}.
 */
package dev.parley.common.quic;
