package org.jdpu.cosim.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.memory.DdrTiming;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole-program cycle model against the RTL: small chains of convolutions with different
 * tilings and a graph with branches, a concat and two outputs, on B512 and an odd configuration, on the ideal and the ZCU102 DDR timing
 * (deterministic). The model must give the RTL's cycles exactly.
 */
class ProgramCycleModelCosimTest {
    record Case(String name, NetCosimTest.Net net) {}

    static List<Case> cases(DpuConfig c) {
        return List.of(
                new Case("graph_7x9x3", NetCosimTest.branchAndConcat(5, org.jdpu.compiler.net.NetworkCompiler.concatChannelGroup(c))),
                new Case("chain3_12x12x8", NetCosimTest.chain(1, 12, 12, 8, new int[][] {{16, 3, 1, 1}, {16, 3, 2, 1}, {8, 1, 1, 0}})),
                new Case("chain2_9x11x3", NetCosimTest.chain(2, 9, 11, 3, new int[][] {{12, 3, 1, 0}, {20, 1, 1, 0}})),
                new Case("chain2_8x8x24", NetCosimTest.chain(3, 8, 8, 24, new int[][] {{20, 1, 1, 0}, {9, 3, 2, 1}})));
    }

    @Test
    void modelEqualsRtl() {
        List<String> rows = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (String arch : List.of("B512", "3x5x7:act=64,wgt=64,out=64,bias=32")) {
            DpuConfig c = DpuConfig.parse(arch);
            for (Case k : cases(c)) {
                for (DdrTiming t : List.of(DdrTiming.IDEAL, DdrTiming.ZCU102_HP)) {
                    String tn = t == DdrTiming.IDEAL ? "IDEAL" : "ZCU102_HP";
                    NetCosimResult r = NetCosim.run(c, org.jdpu.arch.isa.AxiConfig.DEFAULT, k.net().spec(), k.net().input(),
                            k.net().tensors(), NetCosim.Options.defaults().withTiming(t), null);
                    assertTrue(r.passed(), r.resultLine());
                    long rtl = r.run().cycles(), model = r.predictedCycles();
                    double err = (double) (model - rtl) / rtl;
                    String row = String.format(Locale.ROOT, "%-16s %-34s %-10s rtl=%7d model=%7d error=%+.4f%%",
                            k.name(), arch, tn, rtl, model, 100 * err);
                    rows.add(row);
                    if (model != rtl) wrong.add(row);
                }
            }
        }
        System.out.println(String.format(Locale.ROOT, "%-16s %-34s %-10s", "network", "config", "timing"));
        rows.forEach(System.out::println);
        assertTrue(wrong.isEmpty(), "model differs from the RTL:\n" + String.join("\n", wrong));
    }
}
