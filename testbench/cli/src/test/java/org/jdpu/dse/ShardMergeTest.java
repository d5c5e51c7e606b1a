package org.jdpu.dse;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The shards' CSV rows split as {@link DseReport} quotes them: a refusal's reason may hold commas and quotes. */
class ShardMergeTest {
    @Test
    void quotedFieldsKeepTheirCommasAndQuotes() {
        assertEquals(List.of("4x8x8 axi128 ddr40/2", "4x8x8", "", "refused", "weights, 3200 words > \"2048\""),
                ShardMerge.cells("\"4x8x8 axi128 ddr40/2\",4x8x8,,refused,\"weights, 3200 words > \"\"2048\"\"\""));
    }
}
