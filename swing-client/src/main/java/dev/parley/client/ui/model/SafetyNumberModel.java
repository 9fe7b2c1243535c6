package dev.parley.client.ui.model;

import java.util.Optional;

/**
 * What the safety-number dialog shows for one participant.
 *
 * @param name     the participant's display name
 * @param number   the pair's safety number; empty while the engine cannot compute it
 * @param verified whether the user already verified this identity
 * @param warning  the impersonation warning of the tile, if any
 */
public record SafetyNumberModel(String name, Optional<SafetyNumber> number, boolean verified,
                                Optional<String> warning) {
}
