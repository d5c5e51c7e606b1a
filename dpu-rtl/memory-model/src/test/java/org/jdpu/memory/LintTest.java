package org.jdpu.memory;

import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.hdl.Design;
import org.jdpu.hdl.ir.Diagnostic;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both models emit Verilog that {@code verilator -Wall} and {@code iverilog -Wall} accept without a
 * message, for the default bus and for 32- and 512-bit buses; the only elaboration warnings are the
 * inputs a memory has no use for (attributes, wlast, the instruction port's write channels).
 */
class LintTest {
    @Test
    void modelsLintCleanAtEveryBusWidth() {
        for (AxiConfig a : List.of(AxiConfig.DEFAULT, new AxiConfig(4, 16, 1), new AxiConfig(64, 256, 32))) {
            String suffix = "_" + a.dataBits();
            Rtl.emit(() -> new AxiDdr(a, 1 << 16), "axi_ddr" + suffix);
            Rtl.emit(() -> new AxiChecker(a, 3, "m_axi"), "axi_checker" + suffix);
        }
        Rtl.emit(() -> new DdrBench(AxiConfig.DEFAULT, 1 << 16), DdrBench.TOP);
    }

    @Test
    void onlyUnusedAttributeInputsAreWarnedAbout() {
        for (Diagnostic d : Design.elaborate(() -> new AxiDdr(AxiConfig.DEFAULT, 1 << 16)).warnings()) {
            String m = d.toString();
            assertTrue(m.contains("unused input") && (m.matches("(?s).*_(aw|ar)(lock|cache|prot|qos|region).*")
                    || m.contains("s_axi_data_wlast") || m.contains("s_axi_instr_")), m);
        }
        assertTrue(Design.elaborate(() -> new AxiChecker(AxiConfig.DEFAULT)).warnings().isEmpty());
    }
}
