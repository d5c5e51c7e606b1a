package org.jdpu.compiler.net;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Placement and liveness of workspace buffers. */
class WorkspaceAllocatorTest {
    @Test
    void aChainPingPongs() {
        WorkspaceAllocator a = new WorkspaceAllocator(64);
        var b0 = a.allocate(0, 100, 0, 1);
        var b1 = a.allocate(1, 200, 1, 2);
        var b2 = a.allocate(2, 100, 2, 3);
        var b3 = a.allocate(3, 90, 3, 4);
        assertEquals(0, b0.offset());
        assertEquals(128, b1.offset(), "after b0, aligned");
        assertEquals(0, b2.offset(), "b0 is dead once layer 1 has read it");
        assertEquals(List.of(0), b2.reuses());
        assertEquals(128, b3.offset(), "b1 is dead at layer 3");
        assertEquals(List.of(1), b3.reuses());
        assertEquals(328, a.size());
    }

    @Test
    void aLongLivedTensorStaysLive() {
        WorkspaceAllocator a = new WorkspaceAllocator(16);
        a.allocate(0, 32, 0, 3); // read again by layer 3 (a branch)
        a.allocate(1, 32, 1, 2);
        var b2 = a.allocate(2, 32, 2, 3);
        assertEquals(64, b2.offset(), "buffer 0 is still live, buffer 1 is not yet dead (read by 2)");
        var b3 = a.allocate(3, 32, 3, 4);
        assertEquals(32, b3.offset(), "buffer 1 died after layer 2");
        assertEquals(List.of(1), b3.reuses());
    }

    @Test
    void aLargerBufferDoesNotFitAHoleAndOverlapsOnlyWhatItTakes() {
        WorkspaceAllocator a = new WorkspaceAllocator(16);
        a.allocate(0, 16, 0, 1);
        a.allocate(1, 64, 1, 5);
        var b2 = a.allocate(2, 32, 2, 3);
        assertEquals(80, b2.offset(), "the 16-byte hole at 0 is too small");
        assertEquals(List.of(), b2.reuses());
        var b3 = a.allocate(3, 16, 3, 4);
        assertEquals(0, b3.offset());
        assertEquals(List.of(0), b3.reuses());
        var b4 = a.allocate(4, 16, 4, 5);
        assertEquals(80, b4.offset(), "first fit: buffer 3 still lives at 0, buffer 2 died at 80");
        assertEquals(List.of(2), b4.reuses());
    }

    @Test
    void onlyTheLatestDeadOccupantIsReported() {
        WorkspaceAllocator a = new WorkspaceAllocator(16);
        a.allocate(0, 16, 0, 1);
        a.allocate(1, 16, 1, 2);
        a.allocate(2, 16, 2, 3); // takes buffer 0's bytes
        a.allocate(3, 16, 3, 4); // takes buffer 1's bytes
        var b4 = a.allocate(4, 16, 4, 5);
        assertEquals(0, b4.offset());
        assertEquals(List.of(2), b4.reuses(), "buffer 0's bytes were already overwritten by buffer 2");
    }

    @Test
    void refusesOutOfOrderAllocation() {
        WorkspaceAllocator a = new WorkspaceAllocator(16);
        a.allocate(0, 16, 2, 3);
        assertThrows(IllegalArgumentException.class, () -> a.allocate(1, 16, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> a.allocate(1, 16, 3, 2));
    }
}
