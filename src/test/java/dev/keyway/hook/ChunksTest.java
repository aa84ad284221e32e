package dev.keyway.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A request's events for a hook are cut into pieces: a full piece is a batch at once, the last one may wait for more. */
class ChunksTest {
    static final HookId HOOK = new HookId("hook_1");

    static List<String> events(int n) {
        return IntStream.range(0, n).mapToObj(i -> "{\"n\":" + i + "}").toList();
    }

    @Test
    void sevenEventsWithBatchesOfThreeAreTwoFullPiecesAndOneThatWaits() {
        List<Chunks.Piece> pieces = Chunks.cut(HOOK, events(7), 3);

        assertThat(pieces).extracting(Chunks.Piece::items, Chunks.Piece::full)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3, true), org.assertj.core.groups.Tuple.tuple(3, true),
                        org.assertj.core.groups.Tuple.tuple(1, false));
        assertThat(pieces.getFirst().events()).as("the inside of a JSON array").isEqualTo("{\"n\":0},{\"n\":1},{\"n\":2}");
        assertThat(pieces.getLast().events()).isEqualTo("{\"n\":6}");
    }

    @Test
    void exactlyABatchIsOneFullPiece() {
        assertThat(Chunks.cut(HOOK, events(100), 100)).singleElement().satisfies(p -> {
            assertThat(p.items()).isEqualTo(100);
            assertThat(p.full()).isTrue();
        });
    }

    @Test
    void aPieceEndsBeforeItWouldPassTheLargestTextTheDatabaseHolds() {
        String big = "\"" + String.join("", Collections.nCopies(Chunks.MAX_CHARS / 2, "x")) + "\"";

        List<Chunks.Piece> pieces = Chunks.cut(HOOK, List.of(big, big, "{}"), 100);

        assertThat(pieces).extracting(Chunks.Piece::items).containsExactly(1, 2);
        assertThat(pieces).allSatisfy(p -> assertThat(p.events().length()).isLessThanOrEqualTo(Chunks.MAX_CHARS));
        assertThat(pieces.getFirst().full()).as("nothing more fits: a batch at once").isTrue();
        assertThat(pieces.getLast().full()).isFalse();
    }
}
