package dev.parley.common.call;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReceiveKeyRingTest {
    private final List<String> erased = new ArrayList<>();
    private final ReceiveKeyRing<String> ring = new ReceiveKeyRing<>(4, 10_000, erased::add);

    @Test
    void acceptsOnlyIncreasingKeyIds() {
        assertThat(ring.isNew(0)).isTrue();
        ring.add(0, "k0");
        assertThat(ring.isNew(0)).isFalse();
        assertThat(ring.isNew(1)).isTrue();
        assertThatThrownBy(() -> ring.add(0, "again")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsTheFourNewest() {
        for (int i = 0; i < 6; i++) {
            ring.add(i, "k" + i);
        }
        assertThat(ring.size()).isEqualTo(4);
        assertThat(ring.get(1)).isNull();
        assertThat(ring.get(2)).isEqualTo("k2");
        assertThat(erased).containsExactly("k0", "k1");
    }

    @Test
    void erasesAnOldKeyTenSecondsAfterANewerKeyDecrypted() {
        ring.add(0, "k0");
        ring.add(1, "k1");
        ring.decrypted(0, 0);
        ring.expire(50_000);
        assertThat(ring.get(0)).isEqualTo("k0");
        ring.decrypted(1, 100_000);
        ring.expire(109_999);
        assertThat(ring.get(0)).isEqualTo("k0");
        ring.expire(110_000);
        assertThat(ring.get(0)).isNull();
        assertThat(ring.get(1)).isEqualTo("k1");
        assertThat(erased).containsExactly("k0");
    }
}
