package org.jdpu.memory;

import org.jdpu.arch.isa.AxiConfig;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void emits() {
        Rtl.emit(() -> new AxiDdr(AxiConfig.DEFAULT, 1 << 16), "axi_ddr");
        Rtl.emit(() -> new AxiChecker(AxiConfig.DEFAULT), "axi_checker");
        Rtl.emit(() -> new DdrBench(AxiConfig.DEFAULT, 1 << 16), DdrBench.TOP);
    }
}
