package org.jdpu.rtl.hw;

import org.jdpu.hdl.Bool;
import org.jdpu.hdl.Mem;
import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.SInt;
import org.jdpu.hdl.UInt;
import org.jdpu.hdl.Vec;
import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.EngineWidths;
import org.jdpu.hdl.lib.Delay;

import java.util.ArrayList;
import java.util.List;

import static org.jdpu.hdl.Hdl.*;

/**
 * The activation buffer and its read pipeline: turns the sequencer's step (row address, kernel
 * column, first output column) into PP activation words, one per pixel row of the grid, skewed
 * by one cycle per row.
 *
 * <ol>
 *   <li>stage 1: slot {@code L = row address + COL_BASE[kx] + x0}; the pixel range that lies inside
 *       the stored columns ({@code x0 - COL_LO[kx]}, {@code COL_HI[kx] - x0});</li>
 *   <li>stage 2: lane j reads slot L + j, which is in bank (L + j) mod banks; each bank gets
 *       address {@code L / banks} (+1 for banks below {@code L mod banks}); per-lane padding masks;</li>
 *   <li>stage 3: the RAM output register (so the block RAM's own output register can absorb it);</li>
 *   <li>stage 4: the words are rotated so lane j gets its bank, padded lanes get the pad
 *       value; lane j then passes j skew registers.</li>
 * </ol>
 * Banks are written through the load port ({@code ld_sel} = 0, bank number, address, word).
 */
final class ActivationPath extends HwModule {
    final Bool rowValid;
    final UInt rowAddr, kx, x0;
    final Vec<UInt> colBase;
    final Vec<SInt> colLo, colHi;
    final SInt padValue;
    final LoadPort ld;
    final Vec<UInt> lanes;

    ActivationPath(DpuConfig c) {
        EngineWidths wd = EngineWidths.of(c);
        int banks = c.actBanks();
        int bankBits = Integer.numberOfTrailingZeros(banks);
        int word = 8 * c.icp();
        int dWidth = wd.index() + 1;
        rowValid = input("row_valid", bool());
        rowAddr = input("row_addr", uint(wd.slot()));
        kx = input("kx", uint(wd.kernel() - 1));
        x0 = input("x0", uint(wd.count()));
        colBase = input("col_base", vec(16, uint(wd.slot())));
        colLo = input("col_lo", vec(16, sint(wd.index())));
        colHi = input("col_hi", vec(16, sint(wd.index())));
        padValue = input("pad_value", sint(8));
        ld = input("ld", new LoadPort(c));
        lanes = output("lane", vec(c.pp(), uint(word)));

        // Stage 1.
        SInt x0s = x0.toSInt();
        UInt slot = regNext("slot", rowAddr.addWrap(colBase.read(kx)).addWrap(x0.resize(wd.slot())));
        SInt fromLo = regNext("from_lo", x0s.resize(dWidth).subWrap(colLo.read(kx).resize(dWidth)));
        SInt toHi = regNext("to_hi", colHi.read(kx).resize(dWidth).subWrap(x0s.resize(dWidth)));
        Bool rowValid1 = regNext("row_valid_1", rowValid, 0);

        // Stage 2: bank addresses and lane masks.
        UInt bankAddr = slot.shr(bankBits).resize(wd.actAddr());
        UInt rot = bankBits == 0 ? null : slot.bits(bankBits - 1, 0);
        List<UInt> data = new ArrayList<>();
        for (int b = 0; b < banks; b++) {
            Mem<UInt> bank = mem("act_bank_" + b, c.actBankDepth(), uint(word));
            UInt addr = rot == null ? bankAddr : mux(rot.gt(b), bankAddr.addWrap(1), bankAddr);
            data.add(regNext("bank_q_" + b, bank.read(addr)));
            int bb = b;
            when(ld.we.and(ld.bank.eq(bb)), () -> bank.write(ld.addr.resize(wd.actAddr()), ld.data.resize(word)));
        }
        UInt rot3 = rot == null ? null : Delay.of("rot", rot, 2);
        UInt pad = fill(c.icp(), padValue.asUInt());

        // Stage 4: rotate, pad, skew.
        for (int j = 0; j < c.pp(); j++) {
            Bool inside = rowValid1.and(fromLo.ge(-j)).and(toHi.gt(j));
            Bool mask = Delay.withReset("mask_" + j, inside, 2, 0);
            UInt word0 = rot3 == null ? data.get(0) : select(rot3.addWrap(j), data);
            UInt lane = mux(mask, word0, pad);
            lanes.get(j).assign(Delay.of("skew_" + j, lane, j));
        }
    }

    @Override
    protected String moduleName() {
        return "dpu_act_path";
    }
}
