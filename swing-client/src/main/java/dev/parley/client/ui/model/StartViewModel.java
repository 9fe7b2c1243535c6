package dev.parley.client.ui.model;

import dev.parley.client.ui.engine.JoinRequest;
import dev.parley.client.ui.engine.RoomLinkCodec;
import dev.parley.client.ui.profile.DisplayNames;
import dev.parley.client.ui.profile.Preferences;
import dev.parley.common.domain.Decoded;
import dev.parley.common.domain.RoomLink;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * The start screen's rules: what a pasted link, a relay address, a name mean, in sentences; a fresh
 * room on a relay; the remembered choices. No Swing, no I/O.
 */
public final class StartViewModel {
    private final RoomLinkCodec links;
    private final SecureRandom random;
    private final Preferences remembered;

    public StartViewModel(RoomLinkCodec links, SecureRandom random, Preferences remembered) {
        this.links = links;
        this.random = random;
        this.remembered = remembered;
    }

    /** The field a validation message belongs to, so the screen can put it there and focus it. */
    public enum Field { LINK, RELAY, PIN, NAME, TOKEN }

    /**
     * A verdict on user input.
     *
     * @param <T> what valid input yields
     */
    public sealed interface Check<T> {
        /** Valid input. */
        record Valid<T>(T value) implements Check<T> {
        }

        /** Invalid input; {@code message} says what is wrong and how to fix it. */
        record Invalid<T>(Field field, String message) implements Check<T> {
        }

        default boolean valid() {
            return this instanceof Valid;
        }

        /** The problem, empty for valid input. */
        default Optional<String> problem() {
            return this instanceof Invalid<T> i ? Optional.of(i.message()) : Optional.empty();
        }
    }

    /**
     * A new room.
     *
     * @param link the room's link
     * @param text the link to show and copy
     */
    public record NewRoom(RoomLink link, String text) {
        @Override
        public String toString() {
            return "NewRoom[" + link + "]";
        }
    }

    public String initialName() {
        return remembered.lastName().orElse(System.getProperty("user.name", ""));
    }

    public String initialRelay() {
        return remembered.lastRelay().orElse("");
    }

    public Optional<String> initialMicrophone() {
        return remembered.microphone();
    }

    public Optional<String> initialSpeaker() {
        return remembered.speaker();
    }

    /** An invite link as pasted: white space anywhere is dropped (mail clients wrap long links). */
    public Check<RoomLink> checkLink(String text) {
        String compact = text == null ? "" : text.replaceAll("\\s", "");
        if (compact.isEmpty()) {
            return new Check.Invalid<>(Field.LINK, "Paste the invite link you were sent. It starts with parley://");
        }
        String lower = compact.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return new Check.Invalid<>(Field.LINK,
                    "This is a web address, not a Parley invite link. Invite links start with parley://");
        }
        if (!lower.contains("://") && lower.contains("/r/")) {
            compact = "parley://" + compact;
        }
        Decoded<RoomLink> parsed = links.parse(compact);
        if (parsed instanceof Decoded.Ok<RoomLink> ok) {
            return new Check.Valid<>(ok.value());
        }
        return new Check.Invalid<>(Field.LINK, parsed.errorOrNull().message());
    }

    /** A display name: 1 to 64 characters after cleaning. */
    public Check<String> checkName(String text) {
        Optional<String> cleaned = DisplayNames.clean(text);
        if (cleaned.isEmpty()) {
            return new Check.Invalid<>(Field.NAME, "Enter the name the others in the call will see.");
        }
        if (text.strip().codePointCount(0, text.strip().length()) > DisplayNames.MAX_CODE_POINTS) {
            return new Check.Invalid<>(Field.NAME, "Names can be at most 64 characters long.");
        }
        return new Check.Valid<>(cleaned.get());
    }

    /**
     * A fresh room on a relay: a new random 32-byte secret. {@code pin} is optional, 64 hex digits in
     * any case, colons allowed (as {@code openssl x509 -fingerprint} prints it).
     */
    public Check<NewRoom> newRoom(String relayAddress, String pin) {
        String address = relayAddress == null ? "" : relayAddress.strip();
        if (address.isEmpty()) {
            return new Check.Invalid<>(Field.RELAY,
                    "Enter the relay's address, like relay.example.org or relay.example.org:4433.");
        }
        if (address.regionMatches(true, 0, "parley://", 0, 9)) {
            address = address.substring(9);
        }
        if (address.endsWith("/")) {
            address = address.substring(0, address.length() - 1);
        }
        if (address.contains("/")) {
            return new Check.Invalid<>(Field.RELAY,
                    "Enter only the relay's address, like relay.example.org:4433, not a whole link.");
        }
        Optional<String> normalizedPin = Optional.empty();
        String pinText = pin == null ? "" : pin.replaceAll("[\\s:]", "").toLowerCase(Locale.ROOT);
        if (!pinText.isEmpty()) {
            if (!pinText.matches("[0-9a-f]{64}")) {
                return new Check.Invalid<>(Field.PIN,
                        "A certificate pin is the relay certificate's SHA-256: 64 hex digits (colons allowed). Leave it empty if the relay has a certificate this computer trusts.");
            }
            normalizedPin = Optional.of(pinText);
        }
        Decoded<RoomLink> link = links.newRoom(address, normalizedPin, random);
        if (link instanceof Decoded.Failed<RoomLink> f) {
            return new Check.Invalid<>(Field.RELAY, f.error().message());
        }
        RoomLink room = link.orElseThrow();
        return new Check.Valid<>(new NewRoom(room, links.format(room)));
    }

    /** All of the start screen at once; the first problem, in screen order, wins. */
    public Check<JoinRequest> join(String linkText, String name, String token, Optional<String> microphone,
                                   Optional<String> speaker) {
        Check<RoomLink> link = checkLink(linkText);
        if (link instanceof Check.Invalid<RoomLink> i) {
            return new Check.Invalid<>(i.field(), i.message());
        }
        Check<String> cleanName = checkName(name);
        if (cleanName instanceof Check.Invalid<String> i) {
            return new Check.Invalid<>(i.field(), i.message());
        }
        String t = token == null ? "" : token.strip();
        if (t.chars().anyMatch(Character::isWhitespace)) {
            return new Check.Invalid<>(Field.TOKEN, "An access token has no spaces or line breaks; copy it again.");
        }
        return new Check.Valid<>(new JoinRequest(((Check.Valid<RoomLink>) link).value(),
                ((Check.Valid<String>) cleanName).value(), t.isEmpty() ? Optional.empty() : Optional.of(t),
                microphone, speaker));
    }

    /** The relay address to remember from a link, {@code host[:port]} with the default port left out. */
    public static String relayAddressOf(RoomLink link) {
        String host = link.host().contains(":") ? "[" + link.host() + "]" : link.host();
        return link.port() == RoomLink.DEFAULT_PORT ? host : host + ":" + link.port();
    }
}
