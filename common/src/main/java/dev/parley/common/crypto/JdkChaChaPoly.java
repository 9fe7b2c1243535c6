package dev.parley.common.crypto;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * The JDK's "ChaCha20-Poly1305" Cipher (SunJCE). SunJCE (JDK 17) refuses to initialise a Cipher
 * with the key and nonce of its previous initialisation, in either direction. For encryption that
 * is a welcome net under {@link SenderKey}'s own refusal to seal a packet index twice. For
 * decryption it would turn a duplicated datagram (or a forged copy of the last header) into an
 * exception, so the decrypting Cipher is first initialised with a different nonce in that case.
 */
final class JdkChaChaPoly implements ChaChaPoly {
    private static final String ALGORITHM = "ChaCha20-Poly1305";

    private final SecretKeySpec key;
    private final Cipher enc;
    private final Cipher dec;
    private final byte[] lastDecNonce = new byte[NONCE_LENGTH];
    private boolean decInitialised;

    JdkChaChaPoly(byte[] key) {
        Bytes.requireLength(key, KEY_LENGTH, "ChaCha20-Poly1305 key");
        this.key = new SecretKeySpec(key, "ChaCha20");
        try {
            this.enc = Cipher.getInstance(ALGORITHM);
            this.dec = Cipher.getInstance(ALGORITHM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + ALGORITHM + " cipher", e);
        }
    }

    @Override
    public int seal(byte[] nonce, byte[] aad, int aadOff, int aadLen, byte[] pt, int ptOff, int ptLen,
                    byte[] out, int outOff) {
        try {
            enc.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(nonce));
            enc.updateAAD(aad, aadOff, aadLen);
            return enc.doFinal(pt, ptOff, ptLen, out, outOff);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 encryption failed", e);
        }
    }

    @Override
    public boolean open(byte[] nonce, byte[] aad, int aadOff, int aadLen, byte[] ct, int ctOff, int ctLen,
                        byte[] out, int outOff) {
        try {
            if (decInitialised && Arrays.equals(nonce, lastDecNonce)) {
                lastDecNonce[0] ^= 1;
                dec.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(lastDecNonce));
            }
            System.arraycopy(nonce, 0, lastDecNonce, 0, NONCE_LENGTH);
            decInitialised = true;
            dec.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(nonce));
            dec.updateAAD(aad, aadOff, aadLen);
            dec.doFinal(ct, ctOff, ctLen, out, outOff);
            return true;
        } catch (AEADBadTagException e) {
            Arrays.fill(out, outOff, outOff + ctLen - TAG_LENGTH, (byte) 0);
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 decryption failed", e);
        }
    }

    @Override
    public void destroy() {
        // SecretKeySpec cannot be destroyed and SunJCE keeps its own copy; the GC reclaims both.
    }
}
