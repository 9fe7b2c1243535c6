package dev.parley.client.testing;

import java.awt.GraphicsEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** Swing tests need a display: skipped without one, unless CI demands it ({@value #REQUIRE}=1). */
public final class Displays {
    public static final String REQUIRE = "CI_REQUIRE_DISPLAY";

    private Displays() {
    }

    public static void assumeDisplay() {
        if ("1".equals(System.getenv(REQUIRE))) {
            assertThat(GraphicsEnvironment.isHeadless()).as(REQUIRE + "=1 but there is no display (run under xvfb-run)").isFalse();
            return;
        }
        assumeFalse(GraphicsEnvironment.isHeadless(),
                "No display: the Swing tests run under Xvfb (e.g. xvfb-run ./mvnw verify); skipped here.");
    }
}
