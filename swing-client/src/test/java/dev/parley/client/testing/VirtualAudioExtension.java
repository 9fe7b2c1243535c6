package dev.parley.client.testing;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the {@link VirtualAudio} devices: {@code @ExtendWith(VirtualAudioExtension.class)},
 * then take a {@link VirtualAudio} parameter.
 *
 * <p>Where there are none (PulseAudio not installed, the JVM not started for it) the tests are
 * skipped with the reason, unless the environment variable {@value #REQUIRE} is {@code 1} (CI sets
 * it): then they fail, so that a broken setup cannot pass as skipped.
 */
public final class VirtualAudioExtension implements BeforeAllCallback, ParameterResolver {
    /** Environment variable that turns a missing virtual audio from a skip into a failure. */
    public static final String REQUIRE = "CI_REQUIRE_AUDIO";

    @Override
    public void beforeAll(ExtensionContext context) {
        audio();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == VirtualAudio.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return audio();
    }

    private static VirtualAudio audio() {
        try {
            return VirtualAudio.ready();
        } catch (VirtualAudio.UnavailableException e) {
            String why = "No virtual audio devices: " + e.getMessage();
            if ("1".equals(System.getenv(REQUIRE))) {
                throw new IllegalStateException(why + " (" + REQUIRE + "=1 forbids skipping)");
            }
            Assumptions.abort(why);
            throw new AssertionError("unreachable");
        }
    }
}
