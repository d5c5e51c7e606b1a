package org.jdpu.rtl.hw;

import org.jdpu.hdl.Bool;
import org.jdpu.hdl.Mem;
import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.UInt;
import org.jdpu.hdl.Vec;
import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.EngineWidths;
import org.jdpu.arch.Pipeline;
import org.jdpu.hdl.lib.Delay;

import static org.jdpu.hdl.Hdl.*;

/**
 * The weight buffer, one bank per grid column, and the step flags. The weight address and the
 * flags travel along the top edge of the grid through one register per column, so column o
 * reads its bank and receives its flags o cycles after column 0, matching the skew of the
 * activations; each bank's output is registered once (the block RAM output register).
 * Banks are written through the load port ({@code ld_sel} = 1, column number, address, word).
 *
 * <p>A packed odd column's word is read with the left column's address, so it is ready one cycle
 * before the column's own grid input needs it; the element of the left column takes it from there
 * (its operand cycle; with double-rate multipliers, which read a cycle earlier, straight from the
 * bank register through {@code weight_early}) and one more register delivers it to the column on time.
 */
final class WeightPath extends HwModule {
    final UInt weightAddr;
    final Bool valid, first, last;
    final LoadPort ld;
    final Vec<UInt> weight;
    /** Packing with double-rate multipliers only: odd column 2k+1's word one cycle before {@code weight}, as element k. */
    final Vec<UInt> weightEarly;
    final Vec<Bool> validOut, firstOut, lastOut;

    WeightPath(DpuConfig c) {
        EngineWidths wd = EngineWidths.of(c);
        int word = 8 * c.icp();
        weightAddr = input("weight_addr", uint(wd.weightAddr()));
        valid = input("valid", bool());
        first = input("first", bool());
        last = input("last", bool());
        ld = input("ld", new LoadPort(c));
        weight = output("weight", vec(c.ocp(), uint(word)));
        weightEarly = c.dspPacking() && c.doubleRate() ? output("weight_early", vec(c.ocp() / 2, uint(word))) : null;
        validOut = output("valid_out", vec(c.ocp(), bool()));
        firstOut = output("first_out", vec(c.ocp(), bool()));
        lastOut = output("last_out", vec(c.ocp(), bool()));

        // Address: one register to line up with the slot, then one per column. Flags: the front latency minus the grid's register.
        UInt left = null; // the address of the column to the left: a packed odd column reads with it, one cycle early
        int flagDelay = Pipeline.FRONT - 1;
        UInt addr = regNext("addr_0", weightAddr);
        Bool v = Delay.withReset("valid_0", valid, flagDelay, 0);
        Bool f = Delay.withReset("first_0", first, flagDelay, 0);
        Bool l = Delay.withReset("last_0", last, flagDelay, 0);
        for (int o = 0; o < c.ocp(); left = addr, o++) {
            if (o > 0) {
                addr = regNext("addr_" + o, addr);
                v = regNext("valid_col_" + o, v, 0);
                f = regNext("first_col_" + o, f, 0);
                l = regNext("last_col_" + o, l, 0);
            }
            Mem<UInt> bank = mem("weight_bank_" + o, c.weightBankDepth(), uint(word));
            if (PePacking.of(c, o) == PePacking.HIGH) {
                UInt early = regNext("bank_q_" + o, bank.read(left));
                weight.get(o).assign(regNext("bank_d_" + o, early));
                if (weightEarly != null) weightEarly.get(o / 2).assign(early);
            } else {
                weight.get(o).assign(regNext("bank_q_" + o, bank.read(addr)));
            }
            validOut.get(o).assign(v);
            firstOut.get(o).assign(f);
            lastOut.get(o).assign(l);
            int oo = o;
            when(ld.we.and(ld.bank.eq(oo)), () -> bank.write(ld.addr.resize(wd.weightAddr()), ld.data.resize(word)));
        }
    }

    @Override
    protected String moduleName() {
        return "dpu_weight_path";
    }
}
