package org.jdpu.dse;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.memory.DdrTiming;

import java.util.Locale;

/** One point of the design space: the engine's configuration, its AXI data width and the DDR it runs on. */
public record Candidate(DpuConfig config, AxiConfig axi, DdrTiming ddr) {
    /** A unique label: the architecture string, then the AXI width and the DDR's latency and beat gap. */
    public String label() {
        return String.format(Locale.ROOT, "%s axi%d ddr%d/%d", config.name(), axi.dataBits(), ddr.readLatency(), ddr.beatGap());
    }

    /** The {@code bin/dpu generate} command of this configuration. */
    public String generateCommand() {
        return "bin/dpu generate --arch '" + config.name() + "' --out generated/" + config.fileName();
    }

    /** The {@code bin/dpu synth} command of this configuration's network engine. */
    public String synthCommand() {
        return "bin/dpu synth --arch '" + config.name() + "' --out target/synth";
    }
}
