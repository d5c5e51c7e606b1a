package org.jdpu.cli;

import org.jdpu.cli.CliCapture.Result;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code dpu demo}'s options are checked before anything is generated, allocated or simulated. */
class DemoCommandTest {

    private static void assertRefused(String size) {
        Result r = CliCapture.run(new DemoCommand(), "--size", size);
        assertEquals(CliRunner.EXIT_USER_ERROR, r.exit(), r.err());
        assertEquals("demo: --size must be in 16..1024, got " + size + System.lineSeparator(), r.err());
        assertEquals("", r.out());
    }

    @Test
    void sizesBeyondTheLimitAreRefusedUpFront() {
        assertRefused("4097");   // ran out of heap
        assertRefused("100000"); // overflowed an array size
        assertRefused("1025");
        assertRefused("15");
    }
}
