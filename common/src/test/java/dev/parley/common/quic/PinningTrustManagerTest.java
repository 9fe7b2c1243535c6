package dev.parley.common.quic;

import org.junit.jupiter.api.Test;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PinningTrustManagerTest {
    private final TlsMaterial pinned = TlsMaterial.generateSelfSigned("pinned", Duration.ofDays(1));
    private final TlsMaterial other = TlsMaterial.generateSelfSigned("other", Duration.ofDays(1));
    private final PinningTrustManager tm = new PinningTrustManager(pinned.fingerprint());

    @Test
    void acceptsExactlyThePinnedLeafWhateverFollowsIt() {
        assertThatCode(() -> tm.checkServerTrusted(new X509Certificate[] {pinned.certificate()}, "EC"))
                .doesNotThrowAnyException();
        assertThatCode(() -> tm.checkServerTrusted(
                new X509Certificate[] {pinned.certificate(), other.certificate()}, "EC", (javax.net.ssl.SSLEngine) null))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> tm.checkServerTrusted(new X509Certificate[] {other.certificate()}, "EC"))
                .isInstanceOf(CertificateException.class).hasMessageContaining("pinned");
        assertThatThrownBy(() -> tm.checkServerTrusted(
                new X509Certificate[] {other.certificate(), pinned.certificate()}, "EC"))
                .isInstanceOf(CertificateException.class);
        assertThatThrownBy(() -> tm.checkServerTrusted(new X509Certificate[0], "EC"))
                .isInstanceOf(CertificateException.class);
    }

    @Test
    void ignoresExpiry() throws Exception {
        TlsMaterial expired = TlsMaterial.generateSelfSigned("old", Duration.ofMinutes(-30));
        assertThatThrownBy(() -> expired.certificate().checkValidity())
                .isInstanceOf(java.security.cert.CertificateExpiredException.class);
        new PinningTrustManager(expired.fingerprint())
                .checkServerTrusted(new X509Certificate[] {expired.certificate()}, "EC");
    }

    @Test
    void neverTrustsClientsAndRejectsMalformedPins() {
        assertThatThrownBy(() -> tm.checkClientTrusted(new X509Certificate[] {pinned.certificate()}, "EC"))
                .isInstanceOf(CertificateException.class);
        assertThat(tm.getAcceptedIssuers()).isEmpty();
        assertThatThrownBy(() -> new PinningTrustManager(pinned.fingerprint().toUpperCase()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PinningTrustManager("abc")).isInstanceOf(IllegalArgumentException.class);
    }
}
