package dev.parley.common.call;

import dev.parley.common.domain.RoomLink;

import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;

/** Sentences for a person about why connecting to a relay failed, and whether retrying can help. */
final class ConnectFailures {
    private ConnectFailures() {
    }

    static String describe(Throwable cause, RoomLink link) {
        String where = link.host() + ":" + link.port();
        if (hasCause(cause, UnknownHostException.class)) {
            return "The relay address " + link.host() + " could not be found. Check the invite link.";
        }
        if (hasCause(cause, CertificateException.class) || hasCause(cause, SSLException.class)) {
            return link.pin().isPresent()
                    ? "The relay at " + where + " presented a certificate that does not match the invite link's pin."
                      + " Someone may be intercepting the connection, or the relay's certificate changed."
                    : "The relay at " + where + " presented a certificate that could not be verified.";
        }
        if (hasCause(cause, java.util.concurrent.TimeoutException.class)
                || String.valueOf(cause.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("timed out")) {
            return "The relay at " + where + " did not answer. Check that it is running and reachable over UDP.";
        }
        return "Could not connect to the relay at " + where + ": " + cause.getMessage();
    }

    static CallFailedException.Kind kind(Throwable cause, RoomLink link) {
        if (hasCause(cause, CertificateException.class) || hasCause(cause, SSLException.class)) {
            return link.pin().isPresent() ? CallFailedException.Kind.PIN_MISMATCH
                    : CallFailedException.Kind.UNTRUSTED_CERTIFICATE;
        }
        return CallFailedException.Kind.UNREACHABLE;
    }

    /** Retrying cannot fix a wrong address or a certificate mismatch. */
    static boolean isPermanent(Throwable cause) {
        return hasCause(cause, UnknownHostException.class) || hasCause(cause, CertificateException.class)
                || hasCause(cause, SSLException.class);
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
