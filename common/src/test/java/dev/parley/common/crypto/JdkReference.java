package dev.parley.common.crypto;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.lang.reflect.Field;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;

/**
 * The section 6-7 primitives written again on the JDK's own providers (SunEC, SunJCE), to check the
 * Bouncy Castle-based code against a second implementation.
 */
final class JdkReference {
    private JdkReference() {
    }

    static byte[] x25519(JoinKeyPair own, byte[] peerPublic) throws Exception {
        Field f = JoinKeyPair.class.getDeclaredField("privateKey");
        f.setAccessible(true);
        byte[] k = (byte[]) f.get(own);
        KeyFactory kf = KeyFactory.getInstance("XDH");
        var priv = kf.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, k.clone()));
        byte[] u = peerPublic.clone();
        u[31] &= 0x7F;
        reverse(u);
        var pub = kf.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, u)));
        KeyAgreement ka = KeyAgreement.getInstance("XDH");
        ka.init(priv);
        ka.doPhase(pub, true);
        return ka.generateSecret();
    }

    static byte[] hkdf(byte[] ikm, byte[] salt, String info, int length) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(salt == null || salt.length == 0 ? new byte[32] : salt, "HmacSHA256"));
        byte[] prk = mac.doFinal(ikm);
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        byte[] out = new byte[length];
        byte[] t = new byte[0];
        for (int i = 1, off = 0; off < length; i++) {
            mac.update(t);
            mac.update(info.getBytes("UTF-8"));
            mac.update((byte) i);
            t = mac.doFinal();
            System.arraycopy(t, 0, out, off, Math.min(32, length - off));
            off += 32;
        }
        return out;
    }

    static byte[] chachaPoly(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext) throws Exception {
        Cipher c = Cipher.getInstance("ChaCha20-Poly1305");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
        c.updateAAD(aad);
        return c.doFinal(plaintext);
    }

    static byte[] hmacSha256(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    private static void reverse(byte[] b) {
        for (int i = 0, j = b.length - 1; i < j; i++, j--) {
            byte t = b[i];
            b[i] = b[j];
            b[j] = t;
        }
    }
}
