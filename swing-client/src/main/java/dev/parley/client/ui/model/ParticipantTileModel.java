package dev.parley.client.ui.model;

import dev.parley.client.ui.profile.DisplayNames;
import dev.parley.client.ui.profile.VerifiedContact;
import dev.parley.client.ui.profile.VerifiedContacts;
import dev.parley.common.call.Participant;
import dev.parley.common.domain.PeerId;

import java.util.Optional;

/**
 * Everything one participant tile shows, decided here so it can be tested without Swing.
 *
 * @param tileId               stable id for component names: {@value #SELF_ID} or the peer id
 * @param peerId               empty for your own tile
 * @param name                 cleaned display name, or "Unknown"
 * @param badge                the verification badge
 * @param badgeText            the badge's words
 * @param badgeDetail          a sentence explaining the badge (tooltip, accessible description)
 * @param warning              shown prominently: this name belongs to a verified contact with another key
 * @param level                speaking level to draw, 0..1
 * @param speaking             whether to highlight the tile as speaking
 * @param muted                your microphone is muted (own tile), or you silenced this peer (volume 0)
 * @param mutedText            words for the muted state, empty when not muted
 * @param volume               playback volume of this peer, 0..2
 * @param volumeAdjustable     whether the tile offers a volume slider
 * @param safetyNumberAvailable whether "Safety number…" can show a number for this tile
 * @param initials             what the tile shows without a picture; empty draws a neutral placeholder
 * @param video                whether a camera stream is live (your own camera on, or a peer's arriving):
 *                             the tile shows its pictures instead of the initials
 * @param activeSpeaker        whether this is the one participant highlighted as speaking
 */
public record ParticipantTileModel(String tileId, Optional<PeerId> peerId, String name, Badge badge, String badgeText,
                                   String badgeDetail, Optional<String> warning, double level, boolean speaking,
                                   boolean muted, String mutedText, double volume, boolean volumeAdjustable,
                                   boolean safetyNumberAvailable, Optional<String> initials, boolean video,
                                   boolean activeSpeaker) {
    public static final String SELF_ID = "self";
    public static final String UNKNOWN_NAME = "Unknown";

    public boolean self() {
        return peerId.isEmpty();
    }

    /** Your own tile: your name, your microphone's level unless muted, never a volume slider. */
    public static ParticipantTileModel forSelf(String ownName, boolean muted, SpeakingMeter.Reading reading) {
        String name = DisplayNames.clean(ownName).orElse(UNKNOWN_NAME);
        return new ParticipantTileModel(SELF_ID, Optional.empty(), name, Badge.YOU, "You",
                "Your own microphone. Others compare your fingerprint to verify you.", Optional.empty(),
                muted ? 0 : reading.level(), !muted && reading.speaking(), muted, muted ? "Muted" : "", 1.0, false,
                true, Initials.of(name), false, false);
    }

    /** This tile with its video state: whether its camera is live and whether it is the active speaker. */
    public ParticipantTileModel withVideo(boolean live, boolean active) {
        return new ParticipantTileModel(tileId, peerId, name, badge, badgeText, badgeDetail, warning, level, speaking,
                muted, mutedText, volume, volumeAdjustable, safetyNumberAvailable, initials, live, active);
    }

    /**
     * A peer's tile.
     *
     * @param contacts the user's verified identities, for the badge and the impersonation warning
     * @param volume   the playback volume the user set, 1.0 unless changed
     */
    public static ParticipantTileModel forPeer(Participant p, VerifiedContacts contacts, SpeakingMeter.Reading reading,
                                               double volume) {
        String name = p.displayName().flatMap(DisplayNames::clean).orElse(UNKNOWN_NAME);
        Optional<byte[]> key = p.ed25519Pub().filter(k -> k.length == 32);
        Optional<VerifiedContact> verifiedAs = key.flatMap(contacts::byKey);
        Optional<String> warning = key.filter(k -> !UNKNOWN_NAME.equals(name))
                .flatMap(k -> contacts.impersonated(name, k))
                .map(c -> "Not the \u201c" + c.name() + "\u201d you verified: this person's key is different."
                        + " Compare safety numbers before you trust who this is.");

        Badge badge;
        String badgeText;
        String detail;
        switch (p.status()) {
            case FAILED_VERIFICATION -> {
                badge = Badge.FAILED;
                badgeText = "Failed verification";
                detail = p.failure().filter(s -> !s.isBlank()).orElse("Their identity did not check out.")
                        + " They are not part of the call and get no keys.";
            }
            case JOINING -> {
                badge = Badge.JOINING;
                badgeText = "Joining\u2026";
                detail = "Their membership checked out; waiting for their encryption key.";
            }
            default -> {
                if (verifiedAs.isPresent()) {
                    badge = Badge.VERIFIED;
                    badgeText = "Verified";
                    VerifiedContact c = verifiedAs.get();
                    detail = DisplayNames.comparable(c.name()).equals(DisplayNames.comparable(name))
                            ? "You compared safety numbers with " + c.name() + "."
                            : "You verified this key as \u201c" + c.name() + "\u201d; it now uses the name \u201c" + name + "\u201d.";
                } else {
                    badge = Badge.NOT_VERIFIED;
                    badgeText = "Not verified";
                    detail = "Compare safety numbers with " + name + " to be sure who this is.";
                }
            }
        }
        boolean failed = badge == Badge.FAILED;
        boolean silenced = !failed && volume <= 0.0;
        SpeakingMeter.Reading shown = failed ? SpeakingMeter.Reading.SILENT : reading;
        return new ParticipantTileModel(p.peerId().toString(), Optional.of(p.peerId()), name, badge, badgeText, detail,
                warning, shown.level(), shown.speaking(), silenced, silenced ? "Muted by you" : "", volume, !failed,
                !failed && key.isPresent(), Initials.of(name), false, false);
    }
}
