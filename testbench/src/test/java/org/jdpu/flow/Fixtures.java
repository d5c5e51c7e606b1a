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

    public static Path resource(String name) {
        try {
            return Path.of(Fixtures.class.getResource(name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource org/jdpu/flow/" + name + " is missing", e);
        }
    }
}
