package dev.parley.client.ui.profile;

import dev.parley.client.ui.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static dev.parley.client.ui.testing.Participants.key;
import static org.assertj.core.api.Assertions.assertThat;

class VerifiedContactsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));

    @TempDir
    Path dir;

    @Test
    void remembersVerifiedIdentitiesAcrossRuns() throws Exception {
        Path file = dir.resolve(VerifiedContacts.FILE_NAME);
        VerifiedContacts first = VerifiedContacts.load(file, clock);
        first.markVerified(key(1), "Alice");
        first.markVerified(key(2), "Bob");

        VerifiedContacts second = VerifiedContacts.load(file, clock);
        assertThat(second.byKey(key(1))).hasValueSatisfying(c -> {
            assertThat(c.name()).isEqualTo("Alice");
            assertThat(c.verifiedAt()).isEqualTo(clock.instant());
        });
        assertThat(second.all()).hasSize(2);
        assertThat(second.byKey(key(3))).isEmpty();
        assertThat(dir).isDirectoryNotContaining(p -> p.getFileName().toString().endsWith(".tmp"));
    }

    @Test
    void forgettingRemovesTheEntryFromTheFile() throws Exception {
        Path file = dir.resolve(VerifiedContacts.FILE_NAME);
        VerifiedContacts contacts = VerifiedContacts.load(file, clock);
        contacts.markVerified(key(1), "Alice");
        contacts.forget(key(1));
        assertThat(VerifiedContacts.load(file, clock).all()).isEmpty();
    }

    @Test
    void aKnownNameWithAnotherKeyIsAnImpersonation() throws Exception {
        VerifiedContacts contacts = VerifiedContacts.empty(dir.resolve("c.txt"), clock);
        contacts.markVerified(key(1), "Alice");
        assertThat(contacts.impersonated("alice", key(9))).hasValueSatisfying(c -> assertThat(c.name()).isEqualTo("Alice"));
        assertThat(contacts.impersonated("Alice", key(1))).isEmpty();
        assertThat(contacts.impersonated("Carol", key(9))).isEmpty();
    }

    @Test
    void damagedLinesAreSkippedNotFatal() throws Exception {
        Path file = dir.resolve(VerifiedContacts.FILE_NAME);
        String good = "01".repeat(32) + "\t2025-01-01T00:00:00Z\tAlice";
        Files.writeString(file, "# header\nnot a contact\n" + "zz".repeat(32) + "\t2025-01-01T00:00:00Z\tX\n" + good + "\n",
                StandardCharsets.UTF_8);
        assertThat(VerifiedContacts.load(file, clock).all()).extracting(VerifiedContact::name).containsExactly("Alice");
    }

    @Test
    void aFailedWriteChangesNothing() throws Exception {
        Path blocker = dir.resolve("not-a-dir");
        Files.writeString(blocker, "x");
        VerifiedContacts contacts = VerifiedContacts.empty(blocker.resolve("c.txt"), clock);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> contacts.markVerified(key(1), "Alice"))
                .isInstanceOf(java.io.IOException.class);
        assertThat(contacts.all()).isEmpty();
    }
}
