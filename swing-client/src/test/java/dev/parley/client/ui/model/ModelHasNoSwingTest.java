package dev.parley.client.ui.model;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The view models stay testable without a display: no Swing or AWT in their package. */
class ModelHasNoSwingTest {

    @Test
    void noSwingOrAwtImports() throws Exception {
        Path dir = Path.of("src/main/java/dev/parley/client/ui/model");
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(f -> {
                try {
                    assertThat(Files.readString(f)).as(f.toString())
                            .doesNotContain("import javax.swing").doesNotContain("import java.awt");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }
}
