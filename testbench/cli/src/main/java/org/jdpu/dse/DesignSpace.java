package org.jdpu.dse;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.memory.DdrTiming;

import java.util.ArrayList;
import java.util.List;

/**
 * The axes of an exploration and their product: PP, ICP, OCP (within a multiplier budget), the
 * activation and weight bank depths, the DSP options (none, {@code +pack}, {@code +dsp2x}, both),
 * the AXI data width and the DDR's read latency and beat gap (its bandwidth).
 *
 * @param dspOptions each entry a {@link DpuConfig#dspOptions()} bit set
 */
public record DesignSpace(List<Integer> pp, List<Integer> icp, List<Integer> ocp, List<Integer> actDepths,
                          List<Integer> wgtDepths, List<Integer> dspOptions, List<Integer> axiBytes,
                          List<Integer> ddrLatencies, List<Integer> ddrBeatGaps, int maxMacs) {

    /** Every candidate in a fixed order (the order shards split). */
    public List<Candidate> candidates() {
        List<Candidate> out = new ArrayList<>();
        DdrTiming base = DdrTiming.ZCU102_HP;
        for (int p : pp) for (int i : icp) for (int o : ocp) {
            if ((long) p * i * o > maxMacs) continue;
            for (int act : actDepths) for (int wgt : wgtDepths) for (int dsp : dspOptions) {
                DpuConfig c = DpuConfig.of(p, i, o).withBuffers(act, wgt, DpuConfig.DEFAULT_OUTPUT_DEPTH, DpuConfig.DEFAULT_BIAS_DEPTH);
                c = c.withDspPacking((dsp & DpuConfig.DSP_OPTION_PACK) != 0).withDoubleRate((dsp & DpuConfig.DSP_OPTION_DOUBLE_RATE) != 0);
                for (int bytes : axiBytes) for (int lat : ddrLatencies) for (int gap : ddrBeatGaps) {
                    AxiConfig a = new AxiConfig(bytes, AxiConfig.DEFAULT.burstBeats(), AxiConfig.DEFAULT.outstanding());
                    DdrTiming d = new DdrTiming(lat, base.writeLatency(), base.outstanding(), gap);
                    out.add(new Candidate(c, a, d));
                }
            }
        }
        return out;
    }
}
