/**
 * Parley's end-to-end cryptography (PROTOCOL.md sections 2, 3, 5.3, 6, 7 and 8).
 *
 * <ul>
 *   <li>Rooms: {@link dev.parley.common.crypto.RoomLinks} parses and formats invite links,
 *       {@link dev.parley.common.crypto.RoomKeys} derives room id, K_member and K_profile.</li>
 *   <li>Keys: {@link dev.parley.common.crypto.IdentityKeyPair} (Ed25519, long-term, kept by
 *       {@link dev.parley.common.crypto.IdentityStore}), {@link dev.parley.common.crypto.JoinKeyPair}
 *       (X25519, one per join), {@link dev.parley.common.crypto.SenderKey} (the media key source).</li>
 *   <li>Membership: {@link dev.parley.common.crypto.MemberCards} builds and verifies cards;
 *       a {@link dev.parley.common.crypto.VerifiedPeer} is what passed.</li>
 *   <li>Key distribution: {@link dev.parley.common.crypto.SenderKeySealer} seals a sender key to one
 *       recipient, {@link dev.parley.common.crypto.KeyMessages} signs and verifies KeyDistribute and
 *       KeyRotate.</li>
 *   <li>Media: {@link dev.parley.common.crypto.MediaCipher} seals and opens datagrams,
 *       {@link dev.parley.common.crypto.ReplayWindow} refuses replays after decryption.</li>
 *   <li>Verification: {@link dev.parley.common.crypto.Fingerprints}.</li>
 * </ul>
 *
 * <p>Untrusted input never throws: it yields a typed result ({@code Decoded}, {@code CardVerification},
 * {@code KeyVerification}, {@code MediaOpenResult}, {@code SenderKeySealer.Unsealed}). Exceptions mean
 * a caller's mistake. Nothing here logs, and no type prints a secret. Tags and MACs are compared in
 * constant time ({@code MessageDigest.isEqual}, or inside the AEAD implementations).
 */
package dev.parley.common.crypto;
