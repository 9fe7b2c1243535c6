package dev.parley.client.ui.model;

import dev.parley.client.ui.engine.ProtocolRoomLinks;
import dev.parley.client.ui.engine.JoinRequest;
import dev.parley.client.ui.profile.Preferences;
import dev.parley.common.domain.RoomLink;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The start screen's validation messages and new-room links. */
class StartViewModelTest {
    private static final String SECRET = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA";
    private static final String LINK = "parley://relay.example.org/r/" + SECRET;

    private final ProtocolRoomLinks links = new ProtocolRoomLinks();
    private final StartViewModel vm = new StartViewModel(links, new SecureRandom(),
            Preferences.DEFAULTS.withLastName("Alice").withLastRelay("relay.example.org:5000"));

    @Test
    void emptyLinkAsksForOne() {
        assertThat(vm.checkLink("  ").problem()).contains("Paste the invite link you were sent. It starts with parley://");
    }

    @Test
    void aWebAddressIsExplained() {
        assertThat(vm.checkLink("https://relay.example.org/r/x").problem())
                .contains("This is a web address, not a Parley invite link. Invite links start with parley://");
    }

    @Test
    void aCutOffSecretSaysHowManyCharactersItHas() {
        assertThat(vm.checkLink(LINK.substring(0, LINK.length() - 3)).problem()).hasValueSatisfying(m ->
                assertThat(m).startsWith("This link does not work: the room secret must be 43")
                        .contains("got 40").contains("cut off").endsWith("?"));
    }

    @Test
    void aBadPortAndABadPinAreNamed() {
        assertThat(vm.checkLink("parley://relay.example.org:99999/r/" + SECRET).problem())
                .contains("This link does not work: the port 99999 is outside 1..65535.");
        assertThat(vm.checkLink(LINK + "?pin=ABC").problem()).hasValueSatisfying(m ->
                assertThat(m).startsWith("This link does not work: ").contains("pin").endsWith("."));
    }

    @Test
    void anotherSchemeIsNamedAndALinkWithoutSchemeIsAccepted() {
        assertThat(vm.checkLink("ftp://relay.example.org/r/" + SECRET).problem()).hasValueSatisfying(m ->
                assertThat(m).contains("wrong scheme 'ftp'"));
        assertThat(vm.checkLink("relay.example.org/r/" + SECRET).valid()).isTrue();
    }

    @Test
    void aLinkWrappedByAMailClientStillWorks() {
        StartViewModel.Check<RoomLink> c = vm.checkLink(LINK.substring(0, 30) + "\n  " + LINK.substring(30));
        assertThat(c.valid()).isTrue();
        assertThat(((StartViewModel.Check.Valid<RoomLink>) c).value().host()).isEqualTo("relay.example.org");
    }

    @Test
    void nameIsRequiredAndLimited() {
        assertThat(vm.checkName(" \u202E ").problem()).contains("Enter the name the others in the call will see.");
        assertThat(vm.checkName("x".repeat(65)).problem()).contains("Names can be at most 64 characters long.");
        assertThat(vm.checkName("  Alice ").valid()).isTrue();
    }

    @Test
    void newRoomMakesAFreshLinkThatParsesBack() {
        StartViewModel.Check<StartViewModel.NewRoom> a = vm.newRoom("relay.example.org:5000", "");
        StartViewModel.Check<StartViewModel.NewRoom> b = vm.newRoom("relay.example.org:5000", "");
        StartViewModel.NewRoom roomA = ((StartViewModel.Check.Valid<StartViewModel.NewRoom>) a).value();
        StartViewModel.NewRoom roomB = ((StartViewModel.Check.Valid<StartViewModel.NewRoom>) b).value();

        assertThat(roomA.text()).startsWith("parley://relay.example.org:5000/r/").hasSize(34 + 43);
        assertThat(roomA.text()).isNotEqualTo(roomB.text());
        assertThat(links.parse(roomA.text()).orElseThrow()).isEqualTo(roomA.link());
        assertThat(roomA.toString()).doesNotContain(roomA.text().substring(34));
    }

    @Test
    void newRoomAcceptsAPinAsOpensslPrintsIt() {
        String openssl = "AB:".repeat(31) + "AB";
        StartViewModel.Check<StartViewModel.NewRoom> c = vm.newRoom("[2001:db8::1]:4433", openssl);
        StartViewModel.NewRoom room = ((StartViewModel.Check.Valid<StartViewModel.NewRoom>) c).value();
        assertThat(room.text()).startsWith("parley://[2001:db8::1]/r/").endsWith("?pin=" + "ab".repeat(32));
    }

    @Test
    void newRoomExplainsABadRelayOrPin() {
        assertThat(vm.newRoom("", "").problem()).contains(
                "Enter the relay's address, like relay.example.org or relay.example.org:4433.");
        assertThat(vm.newRoom("relay.example.org:0", "").problem())
                .contains("This relay address does not work: the port 0 is outside 1..65535.");
        assertThat(vm.newRoom("bad host!", "").problem()).hasValueSatisfying(m ->
                assertThat(m).startsWith("This relay address does not work: ").doesNotContain("parley://"));
        assertThat(vm.newRoom("2001:db8::1", "").problem()).hasValueSatisfying(m -> assertThat(m).contains("in brackets"));
        assertThat(vm.newRoom("relay.example.org", "1234").problem()).hasValueSatisfying(m -> assertThat(m).contains("64 hex digits"));
        assertThat(vm.newRoom("parley://relay.example.org/r/xyz", "").problem())
                .hasValueSatisfying(m -> assertThat(m).contains("not a whole link"));
    }

    @Test
    void joinReportsTheFirstProblemInScreenOrder() {
        StartViewModel.Check<JoinRequest> c = vm.join("nonsense", "", "", Optional.empty(), Optional.empty());
        assertThat(c).isInstanceOf(StartViewModel.Check.Invalid.class);
        assertThat(((StartViewModel.Check.Invalid<JoinRequest>) c).field()).isEqualTo(StartViewModel.Field.LINK);

        c = vm.join(LINK, "Alice", "a b", Optional.empty(), Optional.empty());
        assertThat(((StartViewModel.Check.Invalid<JoinRequest>) c).field()).isEqualTo(StartViewModel.Field.TOKEN);
    }

    @Test
    void aValidJoinCarriesEverythingAndHidesSecretsInToString() {
        StartViewModel.Check<JoinRequest> c = vm.join(LINK, " Alice ", " tok3n ", Optional.of("USB Mic"), Optional.empty());
        JoinRequest r = ((StartViewModel.Check.Valid<JoinRequest>) c).value();
        assertThat(r.displayName()).isEqualTo("Alice");
        assertThat(r.token()).contains("tok3n");
        assertThat(r.microphone()).contains("USB Mic");
        assertThat(r.relayAddress()).isEqualTo("relay.example.org:4433");
        assertThat(r.toString()).doesNotContain(SECRET).doesNotContain("tok3n");
    }

    @Test
    void remembersLastNameAndRelay() {
        assertThat(vm.initialName()).isEqualTo("Alice");
        assertThat(vm.initialRelay()).isEqualTo("relay.example.org:5000");
        assertThat(StartViewModel.relayAddressOf(links.parse(LINK).orElseThrow())).isEqualTo("relay.example.org");
    }
}
