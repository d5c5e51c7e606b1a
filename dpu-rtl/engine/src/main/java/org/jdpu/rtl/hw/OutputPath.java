package org.jdpu.rtl.hw;

import org.jdpu.hdl.Bool;
import org.jdpu.hdl.Mem;
import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.SInt;
import org.jdpu.hdl.UInt;
import org.jdpu.hdl.Vec;
import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.EngineWidths;
import org.jdpu.arch.Pipeline;
import org.jdpu.arch.PostProcessing;
import org.jdpu.hdl.lib.Delay;

import java.util.ArrayList;
import java.util.List;

import static org.jdpu.hdl.Hdl.*;

/**
 * From the bottom of the grid to the output buffer. Each column's finished sums (one pixel per
 * cycle, column o one cycle after column o-1) pass a {@link PostProcessor} with that column's
 * bias, then a deskew line so the OCP bytes of a pixel arrive together and are written as one
 * word once all of them are valid. Counters at column 0 follow the tile order to know each pixel's column (tails beyond
 * OUT_COLS are dropped), its output-channel group (the bias address, read one cycle ahead and
 * passed along the columns like the sums) and when the run's last pixel has gone by.
 *
 * <p>Output word {@code (ocg * OUT_ROWS + y) * OUT_COLS + x} holds channels
 * {@code ocg*OCP .. ocg*OCP+OCP-1} of output pixel (y, x) of the run; the host reads it through
 * {@code rd_addr / rd_data} (one cycle latency). In a pool run ({@code pooling}) the word written
 * is the {@link PoolUnit}'s, which arrives aligned with it. Biases are written through the load port
 * ({@code ld_sel} = 2, column number, channel-group address, int32). A {@code +tflite} engine has a
 * {@link TfliteRequantiser} beside each post-processor, with the column's multipliers and shifts in
 * two more RAMs that bias writes to the second and third quarter of the bias load space fill
 * ({@link DpuConfig#biasLoadDepth}); REQUANT_MODE picks which of the two requantisers' bytes go on.
 *
 * <p>Partial sums (PSUM_MODE): each column has a bank of {@link DpuConfig#psumDepth} int32
 * entries, indexed by the order in which the column's sums leave the grid (tails included), so
 * the runs of the input-channel slices of one output region, which walk identical tiles, meet the
 * same entries. A keeping run writes the accumulator plus the kept sum back and no output word;
 * the last slice adds the kept sum and requantises. The multiplier-mode requantiser takes the
 * grid's sum only: the compiler slices no multiplier-mode layer.
 */
final class OutputPath extends HwModule {
    final Bool start;
    final UInt outRows, outCols, pixGroups, ocGroups, outBase, biasBase;
    final Vec<SInt> sum;
    final Vec<Bool> sumValid;
    final QuantParams quant;
    final LoadPort ld;
    final UInt rdAddr;
    final Bool pooling;
    /** PSUM_MODE bit 0: add the kept partial sums; bit 1: keep the sums, write no output word. */
    final Bool addPsum, keepPsum;
    final UInt poolWord;
    /** Only with {@code +tflite}: REQUANT_MODE and OUT_ZERO_POINT. */
    final Bool multiplierMode;
    final SInt outZeroPoint;
    final UInt rdData;
    final Bool finished;

    OutputPath(DpuConfig c) {
        EngineWidths wd = EngineWidths.of(c);
        int pp = c.pp(), ocp = c.ocp();
        start = input("start", bool());
        outRows = input("out_rows", uint(wd.count()));
        outCols = input("out_cols", uint(wd.count()));
        pixGroups = input("pix_groups", uint(wd.count()));
        ocGroups = input("oc_groups", uint(wd.ocGroups()));
        outBase = input("out_base", uint(wd.outputAddr()));
        biasBase = input("bias_base", uint(wd.biasAddr()));
        sum = input("sum", vec(ocp, sint(EngineWidths.ACC)));
        sumValid = input("sum_valid", vec(ocp, bool()));
        quant = input("quant", new QuantParams());
        ld = input("ld", new LoadPort(c));
        rdAddr = input("rd_addr", uint(wd.outputAddr()));
        pooling = input("pooling", bool());
        addPsum = input("add_psum", bool());
        keepPsum = input("keep_psum", bool());
        poolWord = input("pool_word", uint(8 * ocp));
        multiplierMode = c.tflite() ? input("multiplier_mode", bool()) : null;
        outZeroPoint = c.tflite() ? input("out_zero_point", sint(8)) : null;
        rdData = output("rd_data", uint(8 * ocp));
        finished = output("finished", bool());

        // Tile-order counters at column 0: pixel j of pixel group xg of row y of channel group ocg.
        int jBits = EngineWidths.bitsFor(pp - 1);
        UInt j = reg("j", uint(jBits));
        UInt xg = reg("xg", uint(wd.count()));
        UInt x = reg("x", uint(wd.count()));
        UInt y = reg("y", uint(wd.count()));
        UInt ocg = reg("ocg", uint(wd.ocGroups()));
        UInt outAddr = reg("out_addr", uint(wd.outputAddr()));
        Bool exit = sumValid.get(0);
        Bool jLast = j.eq(pp - 1);
        Bool xgLast = xg.eq(pixGroups.subWrap(1));
        Bool yLast = y.eq(outRows.subWrap(1));
        Bool ocgLast = ocg.eq(ocGroups.subWrap(1));
        Bool tileDone = exit.and(jLast);
        Bool groupDone = tileDone.and(xgLast).and(yLast);
        Bool inside = x.lt(outCols);
        UInt ocgNext = mux(groupDone, ocg.addWrap(1), ocg);
        when(start, () -> {
            j.assign(0);
            xg.assign(0);
            x.assign(0);
            y.assign(0);
            ocg.assign(0);
            outAddr.assign(outBase);
        }).elseWhen(exit, () -> {
            j.assign(mux(jLast, U(0, jBits), j.addWrap(1)));
            x.assign(mux(jLast.and(xgLast), U(0, wd.count()), x.addWrap(1)));
            when(jLast, () -> {
                xg.assign(mux(xgLast, U(0, wd.count()), xg.addWrap(1)));
                when(xgLast, () -> y.assign(mux(yLast, U(0, wd.count()), y.addWrap(1))));
            });
            ocg.assign(ocgNext);
            when(inside, () -> outAddr.assign(outAddr.addWrap(1)));
        });

        // Partial-sum index of the sum leaving column 0: it counts every sum of the run.
        int psumBits = EngineWidths.bitsFor(c.psumDepth() - 1);
        UInt psumIdx = reg("psum_idx", uint(psumBits));
        when(start, () -> psumIdx.assign(0)).elseWhen(exit, () -> psumIdx.assign(psumIdx.addWrap(1)));
        UInt psumAddr = psumIdx;

        // Bias: read one cycle before the sum leaves column 0, the address then walks the columns.
        UInt biasAddr = ocgNext.resize(wd.biasAddr()).addWrap(biasBase);
        List<UInt> bytes = new ArrayList<>();
        Bool allValid = null;
        for (int o = 0; o < ocp; o++) {
            if (o > 0) biasAddr = regNext("bias_addr_" + o, biasAddr);
            if (o > 0) psumAddr = regNext("psum_addr_" + o, psumAddr);
            Mem<UInt> bank = mem("bias_bank_" + o, c.biasDepth(), uint(EngineWidths.BIAS));
            int oo = o;
            if (!c.tflite()) {
                when(ld.we.and(ld.bank.eq(oo)),
                        () -> bank.write(ld.addr.resize(wd.biasAddr()), ld.data.resize(EngineWidths.BIAS)));
            }
            PostProcessor post = instance("post_" + o, new PostProcessor());
            post.validIn.assign(sumValid.get(o));
            post.acc.assign(sum.get(o));
            SInt biasWord = bank.read(biasAddr).asSInt();
            post.bias.assign(biasWord);
            post.quant.assign(quant);
            // Read as the sum enters the post-processor, so the kept sum meets it at stage 1;
            // written back two cycles later, when stage 2 holds the total.
            Mem<UInt> psumBank = mem("psum_bank_" + o, c.psumDepth(), uint(EngineWidths.ACC));
            SInt keptSum = psumBank.read(psumAddr).asSInt();
            post.psum.assign(keptSum);
            post.addPsum.assign(addPsum);
            UInt psumWriteAddr = Delay.of("psum_waddr_" + o, psumAddr, 2);
            when(keepPsum.and(post.totalValid), () -> psumBank.write(psumWriteAddr, post.total.asUInt()));
            UInt result = post.out.asUInt();
            if (c.tflite()) {
                // The channel's Q31 multiplier (bit 31 is 0) and shift, written by bias LOADs to the upper quarters.
                Bool column = ld.we.and(ld.bank.eq(oo));
                UInt bankAddr = ld.addr.resize(wd.biasAddr());
                UInt q = quarter(c, ld.addr);
                when(column.and(q.eq(0)), () -> bank.write(bankAddr, ld.data.resize(EngineWidths.BIAS)));
                Mem<UInt> multipliers = mem("multiplier_bank_" + o, c.biasDepth(), uint(EngineWidths.BIAS - 1));
                Mem<UInt> shifts = mem("shift_bank_" + o, c.biasDepth(), uint(PostProcessing.MULTIPLIER_SHIFT_WIDTH));
                when(column.and(q.eq(DpuConfig.BIAS_QUARTER_MULTIPLIER)),
                        () -> multipliers.write(bankAddr, ld.data.resize(EngineWidths.BIAS - 1)));
                when(column.and(q.eq(DpuConfig.BIAS_QUARTER_SHIFT)),
                        () -> shifts.write(bankAddr, ld.data.resize(PostProcessing.MULTIPLIER_SHIFT_WIDTH)));
                TfliteRequantiser tfl = instance("tflite_" + o, new TfliteRequantiser());
                tfl.acc.assign(sum.get(o));
                tfl.bias.assign(biasWord);
                tfl.psum.assign(keptSum);
                tfl.addPsum.assign(addPsum);
                tfl.multiplier.assign(multipliers.read(biasAddr));
                tfl.shift.assign(shifts.read(biasAddr).asSInt());
                tfl.outZeroPoint.assign(outZeroPoint);
                tfl.outMin.assign(quant.outMin);
                tfl.outMax.assign(quant.outMax);
                result = mux(multiplierMode, tfl.out.asUInt(), result);
            }
            bytes.add(Delay.of("deskew_" + o, result, ocp - 1 - o));
            Bool colValid = Delay.withReset("deskew_valid_" + o, post.validOut, ocp - 1 - o, 0);
            allValid = allValid == null ? colValid : allValid.and(colValid);
        }

        // What column 0 knew about each pixel, delayed to the cycle its word is complete.
        int align = Pipeline.POST + ocp - 1;
        Bool we = Delay.withReset("write_inside", inside, align, 0).and(allValid).and(keepPsum.not());
        UInt addr = Delay.of("write_addr", outAddr, align);
        Bool last = Delay.withReset("write_last", groupDone.and(ocgLast), align, 0);
        Mem<UInt> out = mem("out_buf", c.outputDepth(), uint(8 * ocp));
        List<UInt> msbFirst = new ArrayList<>(bytes.reversed());
        // A pool run writes the pool unit's word at the cycles and addresses a convolution would.
        UInt word = mux(pooling, poolWord, cat(msbFirst));
        when(we, () -> out.write(addr, word));
        rdData.assign(out.read(rdAddr));
        finished.assign(last);
    }

    /** Which quarter of a {@code +tflite} engine's bias load space {@code addr} falls in (DpuConfig.biasLoadDepth). */
    private static UInt quarter(DpuConfig c, UInt addr) {
        int b = Integer.numberOfTrailingZeros(c.biasDepth());
        return addr.bits(b + 1, b);
    }

    @Override
    protected String moduleName() {
        return "dpu_output_path";
    }
}
