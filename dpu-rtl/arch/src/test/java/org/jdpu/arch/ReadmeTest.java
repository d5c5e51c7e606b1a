package org.jdpu.arch;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The module README documents every register at its address, so the docs cannot drift from the hardware. */
class ReadmeTest {

    @Test
    void registerMapInTheReadmeMatchesTheHardware() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        for (Register r : Register.values()) {
            String addr = String.format("0x%02X", r.address());
            assertTrue(readme.contains(r.name()), r + " is missing from dpu-rtl/README.md");
            assertTrue(readme.lines().anyMatch(l -> l.startsWith("| " + addr) && l.contains(r.name())),
                    r + " is not documented at address " + addr);
        }
    }
}
