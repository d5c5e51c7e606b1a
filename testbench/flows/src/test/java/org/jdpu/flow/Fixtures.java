package org.jdpu.flow;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Hand-written Verilog designs the flow tests run on, independent of the engine. */
public final class Fixtures {
    private Fixtures() {}

    /** Four INT8 multiplies fed from a 1024x32 RAM: must map to 4 DSP48E2 and one RAMB36E2. */
    public static DesignSources mac() {
        return DesignSources.fromDirectory(resource("mac"), "mac_top");
    }

    /** A latch, a 4x4 multiply (too narrow for a DSP) and a 16x8 memory (distributed RAM). */
    public static DesignSources badMapping() {
        return DesignSources.fromDirectory(resource("bad"), "bad_top");
    }

    /** A net with two drivers: Yosys {@code check -assert} fails. */
    public static DesignSources clash() {
        return DesignSources.fromDirectory(resource("clash"), "clash_top");
    }

    public static Path resource(String name) {
        try {
            return Path.of(Fixtures.class.getResource(name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource org/jdpu/flow/" + name + " is missing", e);
        }
    }
}
