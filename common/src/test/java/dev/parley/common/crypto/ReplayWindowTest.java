package dev.parley.common.crypto;

import dev.parley.common.crypto.ReplayWindow.Verdict;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayWindowTest {

    @Test
    void refusesReplays() {
        ReplayWindow w = new ReplayWindow(128);
        assertThat(w.accept(0)).isEqualTo(Verdict.FRESH);
        assertThat(w.check(0)).isEqualTo(Verdict.REPLAYED);
        assertThat(w.accept(0)).isEqualTo(Verdict.REPLAYED);
        assertThat(w.accept(5)).isEqualTo(Verdict.FRESH);
        assertThat(w.check(5)).isEqualTo(Verdict.REPLAYED);
    }

    @Test
    void acceptsReorderingInsideTheWindow() {
        ReplayWindow w = new ReplayWindow(128);
        for (long i : new long[] {10, 7, 9, 8, 11, 3, 100, 50}) {
            assertThat(w.accept(i)).as("index %d", i).isEqualTo(Verdict.FRESH);
        }
        for (long i : new long[] {10, 7, 9, 8, 11, 3, 100, 50}) {
            assertThat(w.check(i)).as("index %d", i).isEqualTo(Verdict.REPLAYED);
        }
        assertThat(w.check(4)).isEqualTo(Verdict.FRESH);
        assertThat(w.highest()).isEqualTo(100);
    }

    @Test
    void boundaryOfTheWindow() {
        int width = 128;
        ReplayWindow w = new ReplayWindow(width);
        long highest = 1000;
        w.accept(highest);
        assertThat(w.check(highest - width)).as("i + W == highest").isEqualTo(Verdict.TOO_OLD);
        assertThat(w.check(highest - width + 1)).as("i + W == highest + 1").isEqualTo(Verdict.FRESH);
        assertThat(w.accept(highest - width + 1)).isEqualTo(Verdict.FRESH);
        assertThat(w.check(0)).isEqualTo(Verdict.TOO_OLD);
    }

    @Test
    void checkDoesNotMoveTheWindow() {
        ReplayWindow w = new ReplayWindow();
        w.accept(1);
        assertThat(w.check(1_000_000)).isEqualTo(Verdict.FRESH);
        assertThat(w.highest()).isEqualTo(1);
        assertThat(w.check(0)).isEqualTo(Verdict.FRESH); // a forged far-ahead index decrypted nothing: 0 is still fine
    }

    @Test
    void bigJumpsForgetEverythingBehind() {
        ReplayWindow w = new ReplayWindow(128);
        w.accept(5);
        w.accept(5 + 128 * 10);
        assertThat(w.check(5)).isEqualTo(Verdict.TOO_OLD);
        assertThat(w.check(5 + 128 * 10 - 1)).isEqualTo(Verdict.FRESH);
        assertThat(w.check(5 + 128 * 9 + 1)).isEqualTo(Verdict.FRESH);
    }

    @Test
    void wholeIndexRange() {
        ReplayWindow w = new ReplayWindow();
        assertThat(w.accept(ReplayWindow.MAX_INDEX)).isEqualTo(Verdict.FRESH);
        assertThat(w.check(ReplayWindow.MAX_INDEX)).isEqualTo(Verdict.REPLAYED);
        assertThatThrownBy(() -> w.check(ReplayWindow.MAX_INDEX + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.check(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReplayWindow(64)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReplayWindow(130)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The bitmap agrees with the rule written out over a set of every accepted index (300 seeded random runs). */
    @org.junit.jupiter.api.Test
    void agreesWithTheDefinition() {
        java.util.Random random = new java.util.Random(7);
        for (int run = 0; run < 300; run++) {
            int widthWords = 2 + random.nextInt(3);
            List<Integer> indexes = new java.util.ArrayList<>();
            int n = random.nextInt(401);
            for (int k = 0; k < n; k++) {
                indexes.add(random.nextInt(2001));
            }
            checkAgainstDefinition(indexes, 64 * widthWords);
        }
    }

    private static void checkAgainstDefinition(List<Integer> indexes, int width) {
        ReplayWindow w = new ReplayWindow(width);
        Set<Long> accepted = new HashSet<>();
        long highest = -1;
        for (int idx : indexes) {
            long i = idx;
            Verdict expected = highest >= 0 && i + width <= highest ? Verdict.TOO_OLD
                    : accepted.contains(i) ? Verdict.REPLAYED : Verdict.FRESH;
            assertThat(w.check(i)).isEqualTo(expected);
            assertThat(w.accept(i)).isEqualTo(expected);
            if (expected == Verdict.FRESH) {
                accepted.add(i);
                highest = Math.max(highest, i);
            }
        }
    }
}
