package dev.parley.common.crypto;

import dev.parley.common.crypto.IdentityFileException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class IdentityStoreTest {
    @TempDir
    Path dir;

    @Test
    void createsWithMode600AndReloadsTheSameIdentity() throws Exception {
        IdentityKeyPair created = IdentityStore.loadOrCreate(dir);
        Path file = dir.resolve(IdentityStore.FILE_NAME);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        IdentityKeyPair again = IdentityStore.loadOrCreate(dir);
        assertThat(again.publicKey()).isEqualTo(created.publicKey());
        byte[] msg = "hello".getBytes(StandardCharsets.UTF_8);
        assertThat(again.sign(msg)).isEqualTo(created.sign(msg));
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file); // no temporary file left behind
        }
    }

    @Test
    void createsTheProfileDirectoryOwnerOnly() throws Exception {
        Path profile = dir.resolve("a/b");
        IdentityStore.loadOrCreate(profile);
        assertThat(Files.getPosixFilePermissions(profile)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void fileFormatIsTheDocumentedOne() throws Exception {
        IdentityKeyPair id = IdentityKeyPair.fromSeed(new byte[32]);
        String text = new String(IdentityStore.encode(id), StandardCharsets.US_ASCII);
        assertThat(text).isEqualTo("parley-identity v1\n"
                + "seed: AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n"
                + "public: " + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(id.publicKey()) + "\n");
        assertThat(IdentityStore.decode(text.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII), dir)
                .publicKey()).isEqualTo(id.publicKey());
    }

    @Test
    void neverReplacesAnExistingFile() throws Exception {
        IdentityStore.loadOrCreate(dir);
        Path file = dir.resolve(IdentityStore.FILE_NAME);
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> IdentityStore.create(file, new SecureRandom()))
                .isInstanceOf(IdentityFileException.class).hasMessageContaining("already exists");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void truncatedFilesAreRefusedAndLeftUntouched() throws Exception {
        IdentityStore.loadOrCreate(dir);
        Path file = dir.resolve(IdentityStore.FILE_NAME);
        byte[] good = Files.readAllBytes(file);
        for (int len = 0; len < good.length; len++) {
            byte[] cut = Arrays.copyOf(good, len);
            Files.write(file, cut);
            IdentityFileException e = catchThrowableOfType(IdentityFileException.class, () -> IdentityStore.loadOrCreate(dir));
            assertThat(e).as("cut at %d", len).isNotNull();
            assertThat(e.reason()).as("cut at %d: %s", len, e.getMessage()).isIn(Reason.TRUNCATED, Reason.CORRUPT);
            assertThat(e.getMessage()).contains(file.toString()).contains("left untouched");
            assertThat(Files.readAllBytes(file)).isEqualTo(cut);
        }
        Files.write(file, Arrays.copyOf(good, good.length - 1));
        assertThat(catchThrowableOfType(IdentityFileException.class, () -> IdentityStore.load(file)).reason())
                .isEqualTo(Reason.TRUNCATED);
        Files.write(file, new byte[0]);
        assertThat(catchThrowableOfType(IdentityFileException.class, () -> IdentityStore.load(file)).getMessage())
                .contains("is empty");
    }

    @Test
    void corruptFilesAreRefusedAndLeftUntouched() throws Exception {
        IdentityStore.loadOrCreate(dir);
        Path file = dir.resolve(IdentityStore.FILE_NAME);
        byte[] good = Files.readAllBytes(file);
        // change every character of the seed and public lines, one at a time
        int seedStart = "parley-identity v1\nseed: ".length();
        for (int i = seedStart; i < good.length - 1; i++) {
            if (good[i] == '\n') {
                continue;
            }
            byte[] bad = good.clone();
            bad[i] = (byte) (bad[i] == 'A' ? 'B' : 'A');
            Files.write(file, bad);
            IdentityFileException e = catchThrowableOfType(IdentityFileException.class, () -> IdentityStore.loadOrCreate(dir));
            assertThat(e).as("changed byte %d", i).isNotNull();
            assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
            assertThat(Files.readAllBytes(file)).isEqualTo(bad);
        }
        Files.writeString(file, "-----BEGIN OPENSSH PRIVATE KEY-----\n");
        assertThat(catchThrowableOfType(IdentityFileException.class, () -> IdentityStore.load(file)).getMessage())
                .contains("not a Parley identity file");
        Files.write(file, Arrays.copyOf(good, good.length + 5));
        assertThat(catchThrowableOfType(IdentityFileException.class, () -> IdentityStore.load(file)).getMessage())
                .contains("more than 3 lines");
        Files.writeString(file, "parley-identity v2\nwhatever\n");
        assertThat(catchThrowableOfType(IdentityFileException.class, () -> IdentityStore.load(file)).reason())
                .isEqualTo(Reason.UNSUPPORTED_VERSION);
        Files.write(file, new byte[10_000]);
        assertThat(catchThrowableOfType(IdentityFileException.class, () -> IdentityStore.load(file)).reason())
                .isEqualTo(Reason.CORRUPT);
    }

    @Test
    void refusesAFileOthersMayRead() throws Exception {
        IdentityKeyPair id = IdentityStore.loadOrCreate(dir);
        Path file = dir.resolve(IdentityStore.FILE_NAME);
        byte[] before = Files.readAllBytes(file);
        for (String mode : new String[] {"rw-r--r--", "rw-rw----", "rw----r--", "rw-----w-"}) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
            IdentityFileException e = catchThrowableOfType(IdentityFileException.class, () -> IdentityStore.loadOrCreate(dir));
            assertThat(e.reason()).as(mode).isEqualTo(Reason.INSECURE_PERMISSIONS);
            assertThat(e.getMessage()).contains("chmod 600").contains(mode);
            assertThat(Files.readAllBytes(file)).isEqualTo(before);
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
        assertThat(IdentityStore.load(file).publicKey()).isEqualTo(id.publicKey());
    }

    @Test
    void unreadableAndMissingFilesAreErrors() throws Exception {
        Path file = dir.resolve(IdentityStore.FILE_NAME);
        assertThat(catchThrowableOfType(IdentityFileException.class, () -> IdentityStore.load(file)).reason())
                .isEqualTo(Reason.NOT_FOUND);
        Files.createDirectory(file);
        assertThat(catchThrowableOfType(IdentityFileException.class, () -> IdentityStore.loadOrCreate(dir)).reason())
                .isIn(Reason.UNREADABLE, Reason.INSECURE_PERMISSIONS);
        Files.delete(file);
        Files.createSymbolicLink(file, dir.resolve("nowhere"));
        assertThat(catchThrowableOfType(IdentityFileException.class, () -> IdentityStore.loadOrCreate(dir)).reason())
                .isEqualTo(Reason.NOT_FOUND);
        assertThat(Files.isSymbolicLink(file)).isTrue();
    }

    @Test
    void unreadableWhenTheOwnerMayNotRead() throws Exception {
        IdentityStore.loadOrCreate(dir);
        Path file = dir.resolve(IdentityStore.FILE_NAME);
        Files.setPosixFilePermissions(file, Set.of(PosixFilePermission.OWNER_WRITE));
        boolean root = Files.isReadable(file); // root reads anything: nothing to test then
        if (!root) {
            assertThat(catchThrowableOfType(IdentityFileException.class, () -> IdentityStore.load(file)).reason())
                    .isEqualTo(Reason.UNREADABLE);
        }
    }

    @Test
    void toStringNeverShowsTheSeed() {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) 0x5a);
        IdentityKeyPair id = IdentityKeyPair.fromSeed(seed);
        assertThat(id.toString()).doesNotContain("5a5a5a").doesNotContain("WlpaWlpa").contains("redacted");
    }
}
