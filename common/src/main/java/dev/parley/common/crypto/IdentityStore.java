package dev.parley.common.crypto;

import dev.parley.common.crypto.IdentityFileException.Reason;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * Loads or creates the identity file {@value #FILE_NAME} in a profile directory.
 *
 * <p><b>Format</b> (ASCII, {@code \n} line ends, a {@code \r} before it is tolerated):
 * <pre>
 * parley-identity v1
 * seed: &lt;Ed25519 seed, 43 base64url characters without padding&gt;
 * public: &lt;Ed25519 public key, 43 base64url characters without padding&gt;
 * </pre>
 * The public line is redundant on purpose: loading checks that it matches the seed, so a damaged
 * seed or public key is reported instead of silently becoming another identity.
 *
 * <p><b>Permissions</b>: on a POSIX file system the file is created with mode 600 in one step
 * (a temporary file created with that mode, then hard-linked to its name, which never replaces an
 * existing file), and loading <em>refuses</em> a file that group or others may read or write, like
 * OpenSSH does with private keys: the key may already have leaked, so the user must decide. The
 * message names the fix ({@code chmod 600 FILE}). On other file systems the file inherits the
 * profile directory's access control.
 *
 * <p>A missing file is created by {@link #loadOrCreate(Path)}; any other problem (unreadable,
 * truncated, corrupt, wrong permissions, newer version) is an {@link IdentityFileException} and
 * the file is left exactly as it was.
 */
public final class IdentityStore {
    public static final String FILE_NAME = "identity.key";
    static final String MAGIC = "parley-identity v1";
    private static final String MAGIC_PREFIX = "parley-identity ";
    private static final String SEED_LABEL = "seed: ";
    private static final String PUBLIC_LABEL = "public: ";
    private static final int MAX_FILE_SIZE = 4096;
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> OWNER_DIR = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private IdentityStore() {
    }

    /** The identity in {@code profileDir}, creating the directory and a new identity when there is none. */
    public static IdentityKeyPair loadOrCreate(Path profileDir) throws IdentityFileException {
        return loadOrCreate(profileDir, new SecureRandom());
    }

    public static IdentityKeyPair loadOrCreate(Path profileDir, SecureRandom random) throws IdentityFileException {
        Path file = profileDir.resolve(FILE_NAME);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return load(file);
        }
        try {
            if (!Files.isDirectory(profileDir)) {
                if (posix()) {
                    Files.createDirectories(profileDir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
                } else {
                    Files.createDirectories(profileDir);
                }
            }
        } catch (IOException e) {
            throw new IdentityFileException(Reason.WRITE_FAILED, file,
                    "cannot create the profile directory " + profileDir + ": " + e.getMessage(), e);
        }
        try {
            return create(file, random);
        } catch (IdentityFileException e) {
            if (e.getCause() instanceof FileAlreadyExistsException) {
                return load(file); // another process created it first: use that one
            }
            throw e;
        }
    }

    /** Loads an existing identity file. */
    public static IdentityKeyPair load(Path file) throws IdentityFileException {
        checkPermissions(file);
        byte[] content;
        try {
            if (!Files.isRegularFile(file)) {
                throw new IdentityFileException(Reason.UNREADABLE, file, "the identity file " + file + " is not a regular file");
            }
            if (Files.size(file) > MAX_FILE_SIZE) {
                throw new IdentityFileException(Reason.CORRUPT, file, "the identity file " + file
                        + " is " + Files.size(file) + " bytes long; an identity file is under 200 bytes. It was left untouched.");
            }
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IdentityFileException(Reason.NOT_FOUND, file, "there is no identity file at " + file, e);
        } catch (AccessDeniedException e) {
            throw new IdentityFileException(Reason.UNREADABLE, file, "access to the identity file " + file + " was denied", e);
        } catch (IOException e) {
            throw new IdentityFileException(Reason.UNREADABLE, file, "cannot read the identity file " + file + ": " + e, e);
        }
        try {
            return decode(content, file);
        } finally {
            Bytes.erase(content);
        }
    }

    /**
     * Writes a new identity to {@code file}, which must not exist. The file appears complete and
     * with mode 600, or not at all.
     */
    public static IdentityKeyPair create(Path file, SecureRandom random) throws IdentityFileException {
        IdentityKeyPair identity = IdentityKeyPair.generate(random);
        byte[] content = encode(identity);
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = dir.resolve("." + file.getFileName() + "." + Long.toUnsignedString(random.nextLong(), 36) + ".tmp");
        try {
            writeNew(tmp, content);
            try {
                Files.createLink(file, tmp);
            } catch (UnsupportedOperationException e) {
                Files.move(tmp, file); // no hard links here; move without REPLACE_EXISTING
            }
        } catch (FileAlreadyExistsException e) {
            throw new IdentityFileException(Reason.WRITE_FAILED, file, "an identity file already exists at " + file, e);
        } catch (IOException e) {
            throw new IdentityFileException(Reason.WRITE_FAILED, file, "cannot write the identity file " + file + ": " + e, e);
        } finally {
            Bytes.erase(content);
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a leftover temporary file is harmless: it has mode 600 and a name we never read
            }
        }
        syncDirectory(dir);
        IdentityKeyPair reloaded = load(file);
        if (!MessageDigest.isEqual(reloaded.publicKey(), identity.publicKey())) {
            throw new IdentityFileException(Reason.WRITE_FAILED, file, "the identity file " + file + " read back differently");
        }
        return identity;
    }

    /** The file's bytes for an identity. */
    static byte[] encode(IdentityKeyPair identity) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        byte[] seed = identity.seedCopy();
        byte[] seedText = b64.encode(seed);
        Bytes.erase(seed);
        byte[] out = Bytes.concat(ascii(MAGIC + "\n" + SEED_LABEL), seedText,
                ascii("\n" + PUBLIC_LABEL + b64.encodeToString(identity.publicKey()) + "\n"));
        Bytes.erase(seedText);
        return out;
    }

    /** Parses the file's bytes; {@code file} only names it in messages. */
    static IdentityKeyPair decode(byte[] content, Path file) throws IdentityFileException {
        if (content.length == 0) {
            throw error(Reason.TRUNCATED, file, "is empty");
        }
        byte[][] lines = splitLines(content);
        try {
            return decodeLines(lines, file);
        } finally {
            for (byte[] line : lines) {
                Bytes.erase(line);
            }
        }
    }

    private static IdentityKeyPair decodeLines(byte[][] lines, Path file) throws IdentityFileException {
        String first = new String(lines[0], StandardCharsets.US_ASCII);
        if (!first.equals(MAGIC)) {
            if (lines.length == 1 && MAGIC.startsWith(first)) {
                throw error(Reason.TRUNCATED, file, "ends inside its first line");
            }
            if (first.startsWith(MAGIC_PREFIX) && first.substring(MAGIC_PREFIX.length()).matches("v[0-9]{1,4}")) {
                throw error(Reason.UNSUPPORTED_VERSION, file, "has format " + first.substring(MAGIC_PREFIX.length())
                        + ", which this version of Parley cannot read; use a newer version");
            }
            throw error(Reason.CORRUPT, file, "does not start with '" + MAGIC + "', so it is not a Parley identity file");
        }
        // A complete file is three lines, each ending in a newline: splitting gives a fourth, empty piece.
        if (lines.length < 4) {
            throw error(Reason.TRUNCATED, file, "ends inside line " + lines.length + " of 3");
        }
        if (lines.length > 4 || lines[3].length != 0) {
            throw error(Reason.CORRUPT, file, "has more than 3 lines");
        }
        byte[] seed = field(lines[1], SEED_LABEL, file);
        byte[] pub = field(lines[2], PUBLIC_LABEL, file);
        try {
            IdentityKeyPair identity = IdentityKeyPair.fromSeed(seed);
            if (!MessageDigest.isEqual(identity.publicKey(), pub)) {
                identity.erase();
                throw error(Reason.CORRUPT, file, "is damaged: its public key does not belong to its seed");
            }
            return identity;
        } finally {
            Bytes.erase(seed);
        }
    }

    private static byte[] field(byte[] line, String label, Path file) throws IdentityFileException {
        byte[] prefix = ascii(label);
        String name = label.substring(0, label.length() - 2);
        if (line.length < prefix.length || !Arrays.equals(line, 0, prefix.length, prefix, 0, prefix.length)) {
            throw error(Reason.CORRUPT, file, "has no '" + name + "' line where one belongs");
        }
        int n = line.length - prefix.length;
        if (n != 43) {
            throw error(Reason.CORRUPT, file, "has a '" + name + "' of " + n + " characters instead of 43");
        }
        byte[] text = Arrays.copyOfRange(line, prefix.length, line.length);
        try {
            byte[] value = Base64.getUrlDecoder().decode(text);
            if (value.length != 32 || !Arrays.equals(Base64.getUrlEncoder().withoutPadding().encode(value), text)) {
                Bytes.erase(value);
                throw error(Reason.CORRUPT, file, "has a '" + name + "' that is not 32 bytes of base64url");
            }
            return value;
        } catch (IllegalArgumentException e) {
            throw error(Reason.CORRUPT, file, "has a '" + name + "' that is not base64url");
        } finally {
            Bytes.erase(text);
        }
    }

    private static void checkPermissions(Path file) throws IdentityFileException {
        if (!posix()) {
            return;
        }
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(file);
        } catch (NoSuchFileException e) {
            throw new IdentityFileException(Reason.NOT_FOUND, file, "there is no identity file at " + file, e);
        } catch (IOException e) {
            throw new IdentityFileException(Reason.UNREADABLE, file, "cannot read the permissions of " + file + ": " + e, e);
        }
        Set<PosixFilePermission> loose = EnumSet.copyOf(perms);
        loose.removeAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE));
        if (!loose.isEmpty()) {
            throw new IdentityFileException(Reason.INSECURE_PERMISSIONS, file, "the identity file " + file
                    + " may be read or changed by other users (" + PosixFilePermissions.toString(perms)
                    + "); if nobody else could use this account, run: chmod 600 '" + file
                    + "', otherwise treat the identity as leaked and move the file away to get a new one");
        }
    }

    private static void writeNew(Path tmp, byte[] content) throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        FileAttribute<?>[] attrs = posix()
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        try (SeekableByteChannel ch = Files.newByteChannel(tmp, options, attrs)) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            if (ch instanceof FileChannel fc) {
                fc.force(true);
            }
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not every platform can sync a directory; the file itself was synced
        }
    }

    private static byte[][] splitLines(byte[] content) {
        int count = 1;
        for (byte b : content) {
            if (b == '\n') {
                count++;
            }
        }
        byte[][] lines = new byte[count][];
        int start = 0;
        int i = 0;
        for (int p = 0; p <= content.length; p++) {
            if (p == content.length || content[p] == '\n') {
                int end = p > start && content[p - 1] == '\r' ? p - 1 : p;
                lines[i++] = Arrays.copyOfRange(content, start, end);
                start = p + 1;
            }
        }
        return lines;
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static IdentityFileException error(Reason reason, Path file, String what) {
        return new IdentityFileException(reason, file, "the identity file " + file + " " + what
                + ". It was left untouched; move it away to create a new identity (which people will have to verify again).");
    }
}
