package dev.parley.client.ui.profile;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Identities the user has verified, remembered across runs in {@value #FILE_NAME} of the profile
 * directory. One line per contact: key hex, a tab, the ISO-8601 time, a tab, the name (cleaned names
 * hold no tabs or line breaks). Every change rewrites the file atomically before it takes effect, so a
 * failed write leaves both the file and this object as they were. Thread-safe: reads never wait (they
 * see an immutable snapshot, so the event thread can ask while a write is in progress); the mutating
 * methods touch the disk, so call them off the event thread.
 */
public final class VerifiedContacts {
    public static final String FILE_NAME = "verified-contacts.txt";
    private static final String HEADER = "# Parley verified contacts v1: ed25519 public key (hex) <TAB> verified at <TAB> name";
    private static final System.Logger LOG = System.getLogger(VerifiedContacts.class.getName());

    private final Path file;
    private final Clock clock;
    private volatile Map<String, VerifiedContact> byKey = Map.of();

    private VerifiedContacts(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /** Loads the contacts of a profile; a missing file is an empty list, a damaged line is skipped and logged. */
    public static VerifiedContacts load(ProfileDirectory profile) throws IOException {
        return load(profile.file(FILE_NAME), Clock.systemUTC());
    }

    public static VerifiedContacts load(Path file, Clock clock) throws IOException {
        VerifiedContacts contacts = new VerifiedContacts(file, clock);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return contacts;
        }
        Map<String, VerifiedContact> loaded = new TreeMap<>();
        int lineNo = 0;
        for (String line : lines) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t", 3);
            try {
                if (parts.length != 3) {
                    throw new IllegalArgumentException("expected three tab-separated fields");
                }
                VerifiedContact c = new VerifiedContact(parts[0], parts[2], Instant.parse(parts[1]));
                loaded.put(c.keyHex(), c);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                LOG.log(Level.WARNING, "Skipping line {0} of {1}: {2}", lineNo, file, e.getMessage());
            }
        }
        contacts.byKey = Collections.unmodifiableMap(loaded);
        return contacts;
    }

    /** An empty, in-memory-only list whose writes go to {@code file}; for tests. */
    public static VerifiedContacts empty(Path file, Clock clock) {
        return new VerifiedContacts(file, clock);
    }

    public List<VerifiedContact> all() {
        return List.copyOf(byKey.values());
    }

    /** The contact with exactly this identity key, if the user verified it. */
    public Optional<VerifiedContact> byKey(byte[] ed25519Pub) {
        return Optional.ofNullable(byKey.get(VerifiedContact.hex(ed25519Pub)));
    }

    /**
     * A verified contact whose name this participant shows but whose key is not this one: someone may be
     * posing as a person the user trusts. Empty when the name is unknown or one of the contacts of that
     * name has this very key.
     */
    public Optional<VerifiedContact> impersonated(String displayName, byte[] ed25519Pub) {
        String wanted = DisplayNames.comparable(displayName);
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        String keyHex = VerifiedContact.hex(ed25519Pub);
        VerifiedContact other = null;
        for (VerifiedContact c : byKey.values()) { // one volatile read: a consistent snapshot
            if (DisplayNames.comparable(c.name()).equals(wanted)) {
                if (c.keyHex().equals(keyHex)) {
                    return Optional.empty();
                }
                other = c;
            }
        }
        return Optional.ofNullable(other);
    }

    /** Remembers this key as verified under {@code name}; replaces an earlier entry for the key. */
    public synchronized VerifiedContact markVerified(byte[] ed25519Pub, String name) throws IOException {
        VerifiedContact contact = new VerifiedContact(VerifiedContact.hex(ed25519Pub), name, clock.instant());
        Map<String, VerifiedContact> next = new TreeMap<>(byKey);
        next.put(contact.keyHex(), contact);
        persist(next);
        return contact;
    }

    /** Forgets a verification; no-op when the key was not verified. */
    public synchronized void forget(byte[] ed25519Pub) throws IOException {
        Map<String, VerifiedContact> next = new TreeMap<>(byKey);
        if (next.remove(VerifiedContact.hex(ed25519Pub)) != null) {
            persist(next);
        }
    }

    private void persist(Map<String, VerifiedContact> next) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        for (VerifiedContact c : next.values()) {
            lines.add(c.keyHex() + "\t" + c.verifiedAt() + "\t" + c.name());
        }
        AtomicFiles.write(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        byKey = Collections.unmodifiableMap(next);
    }
}
