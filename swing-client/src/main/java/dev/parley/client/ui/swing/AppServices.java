package dev.parley.client.ui.swing;

import dev.parley.client.ui.engine.AudioBackend;
import dev.parley.client.ui.engine.CallStarter;
import dev.parley.client.ui.engine.RoomLinkCodec;
import dev.parley.client.ui.engine.VideoBackend;
import dev.parley.client.ui.profile.PreferencesStore;
import dev.parley.client.ui.profile.VerifiedContacts;

import java.time.Clock;
import java.util.concurrent.ExecutorService;

/**
 * What the desktop app is made of; the composition root builds the real ones, tests pass fakes.
 *
 * @param preferences remembered choices
 * @param contacts    verified identities
 * @param audio       microphones and speakers
 * @param video       cameras and screens
 * @param starter     the call engine's entry point
 * @param links       invite link reading and writing
 * @param io          runs everything that may block (disk, devices, engine start), never on the event thread
 * @param clock       for speaking meters and stats ages
 * @param exit        ends the application once the window is gone
 */
public record AppServices(PreferencesStore preferences, VerifiedContacts contacts, AudioBackend audio,
                          VideoBackend video, CallStarter starter, RoomLinkCodec links, ExecutorService io, Clock clock, Runnable exit) {
}
