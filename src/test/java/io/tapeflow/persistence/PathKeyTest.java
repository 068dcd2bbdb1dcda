package io.tapeflow.persistence;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class PathKeyTest {

    @Test
    void aShortPathIsMatchedExactlyWithItsWildcardsEscaped() {
        assertEquals("/a\\_b/50\\%/c\\\\d", PathKey.of("/a_b/50%/c\\d"));
    }

    @Test
    void aPathLongerThanTheKeyIsMatchedByItsFirstCharacters() {
        String path = "/" + "x".repeat(PathKey.LENGTH + 10);
        assertEquals(path.substring(0, PathKey.LENGTH) + "%", PathKey.of(path));
    }

    @Test
    void theCutNeverSplitsASurrogatePair() {
        String path = "/" + "x".repeat(PathKey.LENGTH - 2) + "😀" + "tail";
        assertEquals(path.substring(0, PathKey.LENGTH - 1) + "%", PathKey.of(path));
    }

    @Test
    void aPrefixMatchesEveryKeyStartingWithIt() {
        assertEquals("/data/%", PathKey.startingWith("/data/"));
    }

    @Test
    void aLikePatternNarrowsByItsLiteralHeadOnly() {
        assertEquals("/data/r\\_%", PathKey.forPattern("/data/r\\_%.txt"));
        assertEquals("/data/%", PathKey.forPattern("/data/_b"));
        assertNull(PathKey.forPattern("%.txt"));
    }
}
