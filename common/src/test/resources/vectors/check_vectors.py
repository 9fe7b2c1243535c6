#!/usr/bin/env python3
"""Recomputes every output of parley-v1-vectors.json from its inputs, independently of the Java code.

Needs Python 3.8+ and the 'cryptography' package (OpenSSL's X25519, Ed25519, ChaCha20-Poly1305);
HKDF, HMAC, SHA-512 and the little CBOR needed come from the standard library. Exit status 0 when
every value matches. Usage: python3 check_vectors.py [path/to/parley-v1-vectors.json]
"""
import hashlib
import hmac
import json
import os
import sys

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

RAW = (Encoding.Raw, PublicFormat.Raw)


def hkdf(ikm, info, length, salt=b""):
    prk = hmac.new(salt or bytes(32), ikm, hashlib.sha256).digest()
    out, t, i = b"", b"", 1
    while len(out) < length:
        t = hmac.new(prk, t + info + bytes([i]), hashlib.sha256).digest()
        out, i = out + t, i + 1
    return out[:length]


def u(v, n):
    return v.to_bytes(n, "big")


# --- the shortest-form CBOR that Parley senders write (RFC 8949 section 4.2.1) ---
def head(major, n):
    if n < 24:
        return bytes([major << 5 | n])
    for ai, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if n < 1 << (8 * size):
            return bytes([major << 5 | ai]) + u(n, size)


def cbor(v):
    if isinstance(v, int):
        return head(0, v)
    if isinstance(v, bytes):
        return head(2, len(v)) + v
    if isinstance(v, str):
        b = v.encode()
        return head(3, len(b)) + b
    if isinstance(v, list):
        return head(4, len(v)) + b"".join(cbor(x) for x in v)
    if isinstance(v, dict):
        return head(5, len(v)) + b"".join(cbor(k) + cbor(x) for k, x in v.items())
    raise TypeError(v)


def ed25519(seed):
    k = Ed25519PrivateKey.from_private_bytes(seed)
    return k, k.public_key().public_bytes(*RAW)


def x25519(private):
    k = X25519PrivateKey.from_private_bytes(private)
    return k, k.public_key().public_bytes(*RAW)


def room(secret):
    raw = hkdf(secret, b"parley/v1 room id", 8)
    rid = int.from_bytes(raw, "big") & 0x7FFFFFFFFFFFFFFF
    return raw, rid, hkdf(secret, b"parley/v1 member key", 32), hkdf(secret, b"parley/v1 profile key", 32)


def fingerprint(pub):
    h = b"parley/v1 fingerprint" + pub
    for _ in range(5200):
        h = hashlib.sha512(h + pub).digest()
    return "".join("%05d" % (int.from_bytes(h[5 * i:5 * i + 5], "big") % 100000) for i in range(6))


def grouped(digits):
    return " ".join(digits[i:i + 5] for i in range(0, len(digits), 5))


def seal(secret, room_id, sender_id, recipient_id, key_id, r_pub, eph_private):
    eph, eph_pub = x25519(eph_private)
    shared = eph.exchange(X25519PublicKey.from_public_bytes(r_pub))
    assert shared != bytes(32)
    kn = hkdf(shared, b"parley/v1 seal", 44, salt=eph_pub + r_pub)
    aad = u(room_id, 8) + u(sender_id, 8) + u(recipient_id, 8) + u(key_id, 4)
    return eph_pub, shared, kn, aad, eph_pub + ChaCha20Poly1305(kn[:32]).encrypt(kn[32:], secret, aad)


def compute(name, i):
    h = {k: bytes.fromhex(v) for k, v in i.items()}
    n = {k: int(v, 16) for k, v in i.items()}
    if name == "room_keys":
        raw, rid, km, kp = room(h["room_secret"])
        return {"room_id_hkdf_output": raw.hex(), "room_id": u(rid, 8).hex(), "k_member": km.hex(), "k_profile": kp.hex()}
    if name.startswith("identity_"):
        _, pub = ed25519(h["ed25519_seed"])
        fp = fingerprint(pub)
        return {"ed25519_pub": pub.hex(), "fingerprint": fp, "fingerprint_grouped": grouped(fp)}
    if name == "safety_number":
        a, b = fingerprint(ed25519(h["ed25519_seed_a"])[1]), fingerprint(ed25519(h["ed25519_seed_b"])[1])
        sn = a + b if int(a) <= int(b) else b + a
        return {"safety_number": sn, "safety_number_grouped": grouped(sn)}
    if name == "member_card":
        _, rid, km, kp = room(h["room_secret"])
        sk, ed = ed25519(h["ed25519_seed"])
        _, x = x25519(h["x25519_private"])
        sig_content = b"parley/v1 x25519" + u(rid, 8) + x
        sig = sk.sign(sig_content)
        proof = hmac.new(km, b"parley/v1 member" + u(rid, 8) + ed + x, hashlib.sha256).digest()
        plaintext = cbor({"name": h["display_name"].decode("utf-8")})
        nonce = h["profile_nonce"]
        profile = nonce + ChaCha20Poly1305(kp).encrypt(nonce, plaintext, u(rid, 8) + ed)
        card = {"ed25519_pub": ed, "x25519_pub": x, "x25519_sig": sig, "proof": proof, "profile": profile}
        return {"room_id": u(rid, 8).hex(), "ed25519_pub": ed.hex(), "x25519_pub": x.hex(),
                "x25519_sig_content": sig_content.hex(), "x25519_sig": sig.hex(), "proof": proof.hex(),
                "profile_plaintext": plaintext.hex(), "profile": profile.hex(), "card_cbor": cbor(card).hex()}
    if name == "media_datagram":
        _, rid, _, _ = room(h["room_secret"])
        key = hkdf(h["sender_secret"], b"parley/v1 media key", 32)
        salt = hkdf(h["sender_secret"], b"parley/v1 media salt", 12)
        pt = h["plaintext"]
        idx = n["packet_index"]
        header = (u(0xBEEF, 2) + u(1, 1) + u(rid, 8) + u(n["sender_id"], 8) + u(n["kind"], 1) + u(n["ssrc"], 4)
                  + u(idx & 0xFFFF, 2) + u(n["timestamp"], 4) + u(n["key_id"], 4) + u(idx >> 16, 2) + u(len(pt) + 16, 2))
        position = u(n["ssrc"], 4) + u(idx >> 16, 2) + u(idx & 0xFFFF, 2) + u(n["timestamp"], 4)
        nonce = bytes(a ^ b for a, b in zip(salt, position))
        return {"room_id": u(rid, 8).hex(), "media_key": key.hex(), "media_salt": salt.hex(), "header": header.hex(),
                "nonce": nonce.hex(), "datagram": (header + ChaCha20Poly1305(key).encrypt(nonce, pt, header)).hex()}
    if name == "sealed_sender_key":
        _, rid, _, _ = room(h["room_secret"])
        _, r_pub = x25519(h["recipient_x25519_private"])
        eph_pub, shared, kn, aad, sealed = seal(h["sender_secret"], rid, n["sender_id"], n["recipient_id"], n["key_id"],
                                                r_pub, h["ephemeral_x25519_private"])
        return {"room_id": u(rid, 8).hex(), "recipient_x25519_pub": r_pub.hex(), "ephemeral_x25519_pub": eph_pub.hex(),
                "shared_secret": shared.hex(), "seal_key": kn[:32].hex(), "seal_nonce": kn[32:].hex(), "aad": aad.hex(),
                "sealed": sealed.hex()}
    if name == "key_distribute":
        _, rid, _, _ = room(h["room_secret"])
        sk, _ = ed25519(h["ed25519_seed"])
        out, entries, k = {"room_id": u(rid, 8).hex()}, [], 1
        while "recipient_%d_id" % k in i:
            _, r_pub = x25519(h["recipient_%d_x25519_private" % k])
            rid_k = n["recipient_%d_id" % k]
            sealed = seal(h["sender_secret"], rid, n["sender_id"], rid_k, n["key_id"], r_pub,
                          h["recipient_%d_ephemeral_x25519_private" % k])[4]
            out["recipient_%d_sealed" % k] = sealed.hex()
            entries.append((rid_k, sealed))
            k += 1
        signed = (b"parley/v1 keys" + u(1, 1) + u(rid, 8) + u(n["sender_id"], 8) + u(n["key_id"], 4) + u(len(entries), 2)
                  + b"".join(u(r, 8) + s for r, s in entries))
        sig = sk.sign(signed)
        payload = cbor({"type": "KeyDistribute", "room_id": rid, "sender_id": n["sender_id"], "key_id": n["key_id"],
                        "algo": "CHACHA20-POLY1305",
                        "sealed_keys": [{"recipient_id": r, "sealed": s} for r, s in entries], "signature": sig})
        out.update({"signed_content": signed.hex(), "signature": sig.hex(), "cbor_payload": payload.hex()})
        return out
    raise KeyError(name)


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "parley-v1-vectors.json")
    with open(path) as f:
        vectors = json.load(f)["vectors"]
    bad = 0
    for name, v in vectors.items():
        got = compute(name, v["inputs"])
        for key, want in v["outputs"].items():
            if got.get(key) != want:
                bad += 1
                print("MISMATCH %s.%s\n  file: %s\n  here: %s" % (name, key, want, got.get(key)))
        extra = set(got) - set(v["outputs"])
        if extra:
            bad += 1
            print("%s: computed values missing from the file: %s" % (name, sorted(extra)))
    print("%d vectors, %d mismatches" % (len(vectors), bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
