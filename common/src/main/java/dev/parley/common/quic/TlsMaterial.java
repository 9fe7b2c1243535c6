package dev.parley.common.quic;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * A server's certificate chain and private key: loaded from PEM files (for example Let's Encrypt's
 * {@code fullchain.pem} and {@code privkey.pem}) or generated as a self-signed ECDSA P-256
 * certificate with Bouncy Castle. {@link #fingerprint()} is the value for {@code ?pin=}.
 *
 * @param privateKey the key of the leaf certificate
 * @param chain the leaf first, then any intermediates
 */
public record TlsMaterial(PrivateKey privateKey, List<X509Certificate> chain) {
    /** File names used inside a directory by {@link #loadOrGenerate(Path, String)}. */
    public static final String CERTIFICATE_FILE = "relay-cert.pem";
    public static final String PRIVATE_KEY_FILE = "relay-key.pem";

    public TlsMaterial {
        if (privateKey == null) {
            throw new IllegalArgumentException("a private key is required");
        }
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("at least one certificate is required");
        }
    }

    /** The leaf certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** SHA-256 of the leaf certificate's DER, 64 lowercase hex digits. */
    public String fingerprint() {
        return CertificateFingerprint.of(certificate());
    }

    /**
     * Generates a self-signed ECDSA P-256 certificate for a server.
     *
     * @param commonName the subject CN; also a DNS subject alternative name, beside localhost,
     *                   127.0.0.1 and ::1
     * @param validity how long it is valid from now (pinning clients ignore expiry)
     */
    public static TlsMaterial generateSelfSigned(String commonName, Duration validity) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair keys = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=" + escapeRdn(commonName));
            Instant now = Instant.now();
            BigInteger serial = new BigInteger(127, new SecureRandom()).add(BigInteger.ONE);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial,
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(validity)), subject,
                    keys.getPublic());
            List<GeneralName> names = new ArrayList<>();
            names.add(new GeneralName(GeneralName.dNSName, "localhost"));
            if (!commonName.equals("localhost") && commonName.matches("[A-Za-z0-9.-]+")) {
                names.add(new GeneralName(GeneralName.dNSName, commonName));
            }
            names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
            names.add(new GeneralName(GeneralName.iPAddress, "::1"));
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(names.toArray(new GeneralName[0])));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            X509CertificateHolder holder = builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(holder);
            return new TlsMaterial(keys.getPrivate(), List.of(certificate));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot generate a self-signed certificate", e);
        }
    }

    /**
     * Reads a PEM certificate chain (leaf first) and a PEM private key (PKCS#8, or the traditional
     * RSA/EC forms). Encrypted keys are not supported.
     */
    public static TlsMaterial loadPem(Path certificateFile, Path privateKeyFile) throws IOException {
        List<X509Certificate> chain = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(certificateFile, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            Object item;
            while ((item = parser.readObject()) != null) {
                if (item instanceof X509CertificateHolder holder) {
                    chain.add(converter.getCertificate(holder));
                }
            }
        } catch (CertificateException e) {
            throw new IOException("cannot read certificate " + certificateFile + ": " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IOException("no certificate found in " + certificateFile);
        }
        PrivateKey key = null;
        try (Reader reader = Files.newBufferedReader(privateKeyFile, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            Object item;
            while (key == null && (item = parser.readObject()) != null) {
                if (item instanceof PrivateKeyInfo info) {
                    key = converter.getPrivateKey(info);
                } else if (item instanceof PEMKeyPair pair) {
                    key = converter.getKeyPair(pair).getPrivate();
                }
            }
        }
        if (key == null) {
            throw new IOException("no unencrypted private key found in " + privateKeyFile);
        }
        return new TlsMaterial(key, chain);
    }

    /**
     * Writes the chain and the key as PEM. The key file is created readable by its owner only
     * where the file system supports POSIX permissions. Each file is written to a temporary file
     * first and moved into place, so a crash never leaves half a key behind.
     */
    public void writePem(Path certificateFile, Path privateKeyFile) throws IOException {
        StringWriter certs = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(certs)) {
            for (X509Certificate c : chain) {
                writer.writeObject(c);
            }
        }
        StringWriter key = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(key)) {
            writer.writeObject(new JcaPKCS8Generator(privateKey, null));
        }
        writeAtomically(privateKeyFile, key.toString(), true);
        writeAtomically(certificateFile, certs.toString(), false);
    }

    /**
     * The certificate kept in {@code directory} ({@value #CERTIFICATE_FILE} and
     * {@value #PRIVATE_KEY_FILE}), generated and stored there first if it does not exist yet, so
     * that the fingerprint stays the same across restarts.
     */
    public static Loaded loadOrGenerate(Path directory, String commonName) throws IOException {
        Path cert = directory.resolve(CERTIFICATE_FILE);
        Path key = directory.resolve(PRIVATE_KEY_FILE);
        if (Files.exists(cert) && Files.exists(key)) {
            return new Loaded(loadPem(cert, key), false);
        }
        Files.createDirectories(directory);
        TlsMaterial generated = generateSelfSigned(commonName, Duration.ofDays(3650));
        generated.writePem(cert, key);
        return new Loaded(generated, true);
    }

    /** The outcome of {@link #loadOrGenerate}: the material and whether it was generated just now. */
    public record Loaded(TlsMaterial material, boolean generated) {
    }

    @Override
    public String toString() {
        return "TlsMaterial[subject=" + certificate().getSubjectX500Principal().getName()
                + ", fingerprint=" + fingerprint() + ", privateKey=<redacted>]";
    }

    private static void writeAtomically(Path target, String content, boolean secret) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
        try {
            if (secret) {
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system: rely on the directory's permissions
                }
            }
            Files.writeString(tmp, content, StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String escapeRdn(String value) {
        return value.replaceAll("([,+=\"\\\\<>;#])", "\\\\$1");
    }
}
