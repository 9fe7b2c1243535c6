package dev.parley.common.call;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SendingKeysTest {
    private final List<String> erased = new ArrayList<>();
    private final SendingKeys<String> keys = new SendingKeys<>(erased::add);

    @Test
    void keyOnJoinIsUsedAtOnceAndRotatedKeyAfterTheSwitchDelay() {
        assertThat(keys.current(0)).isNull();
        keys.add(0, "k0", 0);
        assertThat(keys.current(0).keyId()).isZero();
        keys.add(1, "k1", 300);
        assertThat(keys.newestKeyId()).isEqualTo(1);
        assertThat(keys.current(299).key()).isEqualTo("k0");
        assertThat(keys.current(300).key()).isEqualTo("k1");
        assertThat(erased).containsExactly("k0");
    }

    @Test
    void overlappingRotationsSwitchInOrder() {
        keys.add(0, "k0", 0);
        keys.add(1, "k1", 300);
        keys.add(2, "k2", 400);
        assertThat(keys.current(350).key()).isEqualTo("k1");
        assertThat(keys.current(1_000).key()).isEqualTo("k2");
        assertThat(erased).containsExactly("k0", "k1");
    }

    @Test
    void clearErasesCurrentAndUpcoming() {
        keys.add(0, "k0", 0);
        keys.current(0);
        keys.add(1, "k1", 300);
        keys.clear();
        assertThat(erased).containsExactlyInAnyOrder("k0", "k1");
        assertThat(keys.current(1_000)).isNull();
    }
}
