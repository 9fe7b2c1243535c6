package dev.parley.client.ui.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class StageLayoutTest {
    private static final List<String> TILES = List.of("self", "2", "3");
    private final StageLayout layout = new StageLayout();

    private Stage stage() {
        return layout.stage(TILES, layout.screens());
    }

    @Test
    void aGridWhileNobodyShares() {
        assertThat(stage()).isEqualTo(Stage.grid(TILES));
        assertThat(stage().isGrid()).isTrue();
    }

    @Test
    void aSharedScreenIsLargeWithTheTilesInTheStripUntilItEnds() {
        layout.screenStarted("screen-2");
        assertThat(stage()).isEqualTo(new Stage(Optional.of("screen-2"), false, TILES));

        layout.screenEnded("screen-2");
        assertThat(stage()).isEqualTo(Stage.grid(TILES));
    }

    @Test
    void theLatestShareIsLargeAndTheEarlierOneJoinsTheStrip() {
        layout.screenStarted("screen-2");
        layout.screenStarted("screen-3");
        assertThat(stage()).isEqualTo(new Stage(Optional.of("screen-3"), false, List.of("self", "2", "3", "screen-2")));

        layout.screenEnded("screen-3");
        assertThat(stage().main()).contains("screen-2");
    }

    @Test
    void aDoubleClickedTileIsEnlargedAndASecondDoubleClickRestoresTheGrid() {
        layout.toggle("3", stage());
        assertThat(stage()).isEqualTo(new Stage(Optional.of("3"), true, List.of("self", "2")));

        layout.toggle("3", stage());
        assertThat(stage()).isEqualTo(Stage.grid(TILES));
    }

    @Test
    void anEnlargedTileTakesThePlaceOfAShareAndGivesItBack() {
        layout.screenStarted("screen-2");
        layout.toggle("2", stage());
        assertThat(stage()).isEqualTo(new Stage(Optional.of("2"), true, List.of("self", "3", "screen-2")));

        layout.toggle("2", stage());
        assertThat(stage()).isEqualTo(new Stage(Optional.of("screen-2"), false, TILES));
    }

    @Test
    void aShareSentBackToTheGridStaysThereUntilEnlargedAgain() {
        layout.screenStarted("screen-2");
        layout.toggle("screen-2", stage());
        assertThat(stage()).isEqualTo(Stage.grid(List.of("self", "2", "3", "screen-2")));

        layout.toggle("screen-2", stage());
        assertThat(stage()).isEqualTo(new Stage(Optional.of("screen-2"), true, TILES));

        layout.toggle("screen-2", stage());
        assertThat(stage().isGrid()).as("every double-click changes the view").isTrue();
    }

    @Test
    void anEnlargedItemThatGoesAwayGivesTheViewBack() {
        layout.screenStarted("screen-3");
        layout.toggle("screen-3", stage()); // back to the grid
        layout.toggle("screen-3", stage()); // enlarged
        layout.screenEnded("screen-3");
        assertThat(stage()).isEqualTo(Stage.grid(TILES));

        layout.toggle("2", stage());
        layout.itemGone("2");
        assertThat(layout.stage(List.of("self", "3"), List.of())).isEqualTo(Stage.grid(List.of("self", "3")));
    }

    @Test
    void aDoubleClickOnSomethingNotShownChangesNothing() {
        layout.toggle("9", stage());
        assertThat(stage()).isEqualTo(Stage.grid(TILES));
    }
}
