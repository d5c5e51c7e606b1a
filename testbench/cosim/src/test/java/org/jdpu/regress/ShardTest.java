package org.jdpu.regress;

import org.jdpu.io.UserError;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --shard K/N}: parsing with one clear message per mistake, and slices that are disjoint and complete. */
class ShardTest {

    @Test
    void parsesKOfN() {
        assertEquals(new Shard(2, 4), Shard.parse("2/4"));
        assertEquals(new Shard(3, 5), Shard.parse(" 3 / 5 "));
        assertEquals(Shard.ALL, Shard.parse("1/1"));
        assertEquals("2/4", Shard.parse("2/4").toString());
    }

    private static void assertRefused(String text, String message) {
        UserError e = assertThrows(UserError.class, () -> Shard.parse(text));
        assertEquals(message, e.getMessage());
    }

    @Test
    void refusesWhatIsNotASlice() {
        String form = "--shard must be K/N (the K-th of N slices, 1 <= K <= N, e.g. 2/4), got ";
        assertRefused("", form + "''");
        assertRefused("2", form + "'2'");
        assertRefused("a/b", form + "'a/b'");
        assertRefused("1/2/3", form + "'1/2/3'");
        assertRefused("-1/2", form + "'-1/2'");
        assertRefused("1/99999999999", form + "'1/99999999999'");
        assertRefused("0/2", "--shard 0/2: K must be in 1..2, got 0");
        assertRefused("3/2", "--shard 3/2: K must be in 1..2, got 3");
        assertRefused("1/0", "--shard 1/0: N must be at least 1");
    }

    @Test
    void theSlicesOfEverySplitAreDisjointCompleteAndBalanced() {
        for (int size = 0; size <= 23; size++) {
            List<Integer> all = IntStream.range(0, size).boxed().toList();
            for (int n = 1; n <= 7; n++) {
                Set<Integer> seen = new HashSet<>();
                List<Integer> sizes = new ArrayList<>();
                for (int k = 1; k <= n; k++) {
                    Shard s = new Shard(k, n);
                    List<Integer> mine = s.select(all);
                    sizes.add(mine.size());
                    for (int i : mine) {
                        assertTrue(seen.add(i), "case " + i + " in two slices of " + n + " (size " + size + ")");
                        assertTrue(s.contains(i), s + " selects " + i + " but does not contain it");
                    }
                    for (int i = 1; i < mine.size(); i++) assertTrue(mine.get(i - 1) < mine.get(i), "order kept");
                }
                assertEquals(size, seen.size(), "every case in some slice of " + n);
                int max = sizes.stream().mapToInt(Integer::intValue).max().orElseThrow();
                int min = sizes.stream().mapToInt(Integer::intValue).min().orElseThrow();
                assertTrue(max - min <= 1, "slices of " + n + " over " + size + ": " + sizes);
            }
        }
    }

    @Test
    void roundRobinDealsEveryConfigurationToEveryShard() {
        // 2 configurations x 4 layers: each of 2 shards gets layers of both, not one configuration each.
        List<RegressCase> cases = new RegressPlan(List.of("B512", "B1024"), 1, 4, 0).cases();
        for (int k = 1; k <= 2; k++) {
            List<String> archs = new Shard(k, 2).select(cases).stream().map(RegressCase::arch).distinct().toList();
            assertEquals(List.of("B512", "B1024"), archs, "shard " + k);
        }
    }

    @Test
    void aShardThatDoesNotExistIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Shard(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Shard(2, 1));
        assertThrows(IllegalArgumentException.class, () -> new Shard(1, 0));
    }
}
