package dev.parley.common.crypto;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

import java.util.Arrays;

/** Bouncy Castle's lightweight ChaCha20Poly1305; after the first init the key is not re-parsed. */
final class BcChaChaPoly implements ChaChaPoly {
    private final ChaCha20Poly1305 enc = new ChaCha20Poly1305();
    private final ChaCha20Poly1305 dec = new ChaCha20Poly1305();
    private boolean encKeyed;
    private boolean decKeyed;
    private final byte[] key;

    BcChaChaPoly(byte[] key) {
        Bytes.requireLength(key, KEY_LENGTH, "ChaCha20-Poly1305 key");
        this.key = key.clone();
    }

    @Override
    public int seal(byte[] nonce, byte[] aad, int aadOff, int aadLen, byte[] pt, int ptOff, int ptLen,
                    byte[] out, int outOff) {
        enc.init(true, encKeyed ? new ParametersWithIV(null, nonce) : first(nonce));
        encKeyed = true;
        enc.processAADBytes(aad, aadOff, aadLen);
        int n = enc.processBytes(pt, ptOff, ptLen, out, outOff);
        try {
            return n + enc.doFinal(out, outOff + n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("encryption cannot fail authentication", e);
        }
    }

    @Override
    public boolean open(byte[] nonce, byte[] aad, int aadOff, int aadLen, byte[] ct, int ctOff, int ctLen,
                        byte[] out, int outOff) {
        dec.init(false, decKeyed ? new ParametersWithIV(null, nonce) : first(nonce));
        decKeyed = true;
        dec.processAADBytes(aad, aadOff, aadLen);
        int n = dec.processBytes(ct, ctOff, ctLen, out, outOff);
        try {
            dec.doFinal(out, outOff + n);
            return true;
        } catch (InvalidCipherTextException e) {
            // Bouncy Castle writes plaintext blocks before it has checked the tag
            Arrays.fill(out, outOff, outOff + ctLen - TAG_LENGTH, (byte) 0);
            return false;
        }
    }

    private AEADParameters first(byte[] nonce) {
        return new AEADParameters(new KeyParameter(key), TAG_LENGTH * 8, nonce);
    }

    @Override
    public void destroy() {
        Bytes.erase(key);
        byte[] zeros = new byte[KEY_LENGTH];
        byte[] nonce = new byte[NONCE_LENGTH];
        nonce[0] = 1; // never the nonce of the last encryption with this key, so init cannot refuse
        enc.init(false, new AEADParameters(new KeyParameter(zeros), TAG_LENGTH * 8, nonce));
        dec.init(false, new AEADParameters(new KeyParameter(zeros), TAG_LENGTH * 8, nonce));
    }
}
