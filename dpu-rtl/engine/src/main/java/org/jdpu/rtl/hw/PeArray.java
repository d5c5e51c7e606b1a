package org.jdpu.rtl.hw;

import org.jdpu.hdl.Bool;
import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.SInt;
import org.jdpu.hdl.UInt;
import org.jdpu.hdl.Vec;
import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.EngineWidths;

import static org.jdpu.hdl.Hdl.*;

/**
 * The PP x OCP grid of {@link ProcessingElement}s. Row p computes output pixel p of the tile,
 * column o output channel o. Activation words enter at the left of each row, weight words and
 * step flags at the top of each column, both already skewed (row p and column o one cycle later
 * than row/column 0 per index), and travel only between neighbours. Finished sums leave at the
 * bottom of each column, one pixel per cycle, with a valid bit.
 */
final class PeArray extends HwModule {
    final Vec<UInt> act;
    final Vec<UInt> weight;
    /** Packing with double-rate multipliers only: odd column 2k+1's weight one cycle early, as element k. */
    final Vec<UInt> weightEarly;
    final Vec<Bool> valid, first, last;
    final Vec<SInt> sum;
    final Vec<Bool> sumValid;
    private final DpuConfig config;

    PeArray(DpuConfig c) {
        this.config = c;
        int pp = c.pp(), ocp = c.ocp(), icp = c.icp();
        act = input("act", vec(pp, uint(8 * icp)));
        weight = input("weight", vec(ocp, uint(8 * icp)));
        weightEarly = c.dspPacking() && c.doubleRate() ? input("weight_early", vec(ocp / 2, uint(8 * icp))) : null;
        valid = input("valid", vec(ocp, bool()));
        first = input("first", vec(ocp, bool()));
        last = input("last", vec(ocp, bool()));
        sum = output("sum", vec(ocp, sint(EngineWidths.ACC)));
        sumValid = output("sum_valid", vec(ocp, bool()));

        ProcessingElement[][] pe = new ProcessingElement[pp][ocp];
        for (int p = 0; p < pp; p++) {
            for (int o = 0; o < ocp; o++) {
                ProcessingElement e = instance("pe_" + p + "_" + o,
                        new ProcessingElement(icp, p == 0, p == pp - 1, !activationUsedRightOf(c, o), PePacking.of(c, o),
                                c.doubleRate()));
                pe[p][o] = e;
                if (e.aIn != null) e.aIn.assign(o == 0 ? act.get(p) : pe[p][o - 1].aOut);
                if (p == 0) {
                    if (e.wIn != null) e.wIn.assign(weight.get(o));
                    e.validIn.assign(valid.get(o));
                    e.firstIn.assign(first.get(o));
                    e.lastIn.assign(last.get(o));
                } else {
                    ProcessingElement up = pe[p - 1][o];
                    if (e.wIn != null) e.wIn.assign(up.wOut);
                    e.validIn.assign(up.validOut);
                    e.firstIn.assign(up.firstOut);
                    e.lastIn.assign(up.lastOut);
                    e.loadIn.assign(up.loadOut);
                    e.chainIn.assign(up.chainOut);
                    e.chainValidIn.assign(up.chainValidOut);
                }
            }
        }
        for (int o = 0; o < ocp; o++) {
            sum.get(o).assign(pe[pp - 1][o].chainOut);
            sumValid.get(o).assign(pe[pp - 1][o].chainValidOut);
        }
        connectPackedPairs(pe);
    }

    /** Whether an element right of column {@code o} reads the activation (a packed HIGH element only passes it on). */
    private static boolean activationUsedRightOf(DpuConfig c, int o) {
        return o + 1 < c.ocp() && !(o + 1 == c.ocp() - 1 && PePacking.of(c, o + 1) == PePacking.HIGH);
    }

    /**
     * A LOW element (p, o) needs the weight of column o+1 at its own operand cycle, one cycle before
     * its partner (p, o+1) gets it: that is the register of the element above the partner, (p-1, o+1),
     * or for row 0 the weight path's output, which reads packed columns one cycle early for this.
     * Double-rate multipliers read their operands a cycle earlier still, at the element's input:
     * the partner column's weight two rows up, the grid input for row 1, the weight path's early
     * output for row 0.
     */
    private void connectPackedPairs(ProcessingElement[][] pe) {
        for (int p = 0; p < config.pp(); p++) {
            for (int o = 0; o < config.ocp(); o++) {
                if (PePacking.of(config, o) != PePacking.LOW) continue;
                UInt high;
                if (!config.doubleRate()) {
                    high = p == 0 ? weight.get(o + 1) : pe[p - 1][o + 1].wOut;
                } else {
                    high = p == 0 ? weightEarly.get(o / 2) : p == 1 ? weight.get(o + 1) : pe[p - 2][o + 1].wOut;
                }
                pe[p][o].wHighIn.assign(high);
                pe[p][o + 1].productsIn.assign(pe[p][o].highOut);
            }
        }
    }

    @Override
    protected String moduleName() {
        return "dpu_pe_array";
    }
}
