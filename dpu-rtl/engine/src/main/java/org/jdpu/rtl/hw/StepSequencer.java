package org.jdpu.rtl.hw;

import org.jdpu.hdl.Bool;
import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.SInt;
import org.jdpu.hdl.UInt;
import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.EngineWidths;

import static org.jdpu.hdl.Hdl.*;

/**
 * Issues one reduction step per cycle for a whole run, without host interaction.
 *
 * <p>Loops, outermost first: output-channel group, output row, pixel group (the tiles); then
 * kernel row, kernel column, input-channel group (the steps of a tile). A tile shorter than PP
 * steps is padded with invalid steps to PP cycles, the time its column needs to unload. Row
 * indices and activation slot addresses are kept incrementally (adds only, no multipliers); the
 * weight address simply counts, since the weights of a channel group are stored in step order.
 */
final class StepSequencer extends HwModule {
    // descriptor
    final Bool start;
    final UInt outRows, pixGroups, ocGroups, kernelH, kernelW, icGroups;
    final SInt inRows, rowOrigin, rowStep, rowDilation;
    final UInt addrRowOrigin, addrRowStep, addrRowDilation, addrIcStep, weightBase;
    // the step of this cycle
    final Bool valid, first, last, rowValid;
    final UInt rowAddr, kx, x0, weightAddr;

    StepSequencer(DpuConfig c) {
        EngineWidths wd = EngineWidths.of(c);
        int kBits = EngineWidths.bitsFor(c.pp() - 1);
        start = input("start", bool());
        outRows = input("out_rows", uint(wd.count()));
        pixGroups = input("pix_groups", uint(wd.count()));
        ocGroups = input("oc_groups", uint(wd.ocGroups()));
        kernelH = input("kernel_h", uint(wd.kernel()));
        kernelW = input("kernel_w", uint(wd.kernel()));
        icGroups = input("ic_groups", uint(wd.icGroups()));
        inRows = input("in_rows", sint(wd.index()));
        rowOrigin = input("row_origin", sint(wd.index()));
        rowStep = input("row_step", sint(wd.index()));
        rowDilation = input("row_dilation", sint(wd.index()));
        addrRowOrigin = input("addr_row_origin", uint(wd.slot()));
        addrRowStep = input("addr_row_step", uint(wd.slot()));
        addrRowDilation = input("addr_row_dilation", uint(wd.slot()));
        addrIcStep = input("addr_ic_step", uint(wd.slot()));
        weightBase = input("weight_base", uint(wd.weightAddr()));

        Bool run = regInit("run", bool(), 0);
        Bool bubble = regInit("bubble", bool(), 0);
        UInt k = regInit("k", uint(kBits), 0);
        UInt ocg = reg("ocg", uint(wd.ocGroups()));
        UInt y = reg("y", uint(wd.count()));
        UInt xg = reg("xg", uint(wd.count()));
        UInt ky = reg("ky", uint(wd.kernel() - 1));
        UInt kxr = reg("kx", uint(wd.kernel() - 1));
        UInt icg = reg("icg", uint(wd.icGroups()));
        UInt x0r = reg("x0", uint(wd.count()));
        SInt rowY = reg("row_y", sint(wd.index()));
        SInt row = reg("row", sint(wd.index()));
        UInt addrRowY = reg("addr_row_y", uint(wd.slot()));
        UInt addrRow = reg("addr_row", uint(wd.slot()));
        UInt addrIc = reg("addr_ic", uint(wd.slot()));
        UInt wBase = reg("w_base", uint(wd.weightAddr()));
        UInt wAddr = reg("w_addr", uint(wd.weightAddr()));
        UInt wEnd = reg("w_end", uint(wd.weightAddr()));

        Bool icgLast = icg.eq(icGroups.subWrap(1));
        Bool kxLast = kxr.eq(kernelW.subWrap(1));
        Bool kyLast = ky.eq(kernelH.subWrap(1));
        Bool tapsDone = icgLast.and(kxLast).and(kyLast);
        Bool kFull = k.eq(c.pp() - 1);
        Bool stepValid = run.and(bubble.not());
        Bool tileEnd = run.and(kFull).and(bubble.or(tapsDone));
        Bool xgLast = xg.eq(pixGroups.subWrap(1));
        Bool yLast = y.eq(outRows.subWrap(1));
        Bool ocgLast = ocg.eq(ocGroups.subWrap(1));

        // Where the next tile starts (only used at a tile end).
        Bool nextRow = xgLast;
        Bool nextGroup = xgLast.and(yLast);
        SInt rowYNext = mux(nextGroup, rowOrigin, mux(nextRow, rowY.addWrap(rowStep), rowY));
        UInt addrRowYNext = mux(nextGroup, addrRowOrigin, mux(nextRow, addrRowY.addWrap(addrRowStep), addrRowY));
        UInt wEndNow = mux(stepValid, wAddr.addWrap(1), wEnd);
        UInt wBaseNext = mux(nextGroup, wEndNow, wBase);

        when(start.and(run.not()), () -> {
            run.assign(B(true));
            bubble.assign(B(false));
            k.assign(0);
            ocg.assign(0);
            y.assign(0);
            xg.assign(0);
            ky.assign(0);
            kxr.assign(0);
            icg.assign(0);
            x0r.assign(0);
            rowY.assign(rowOrigin);
            row.assign(rowOrigin);
            addrRowY.assign(addrRowOrigin);
            addrRow.assign(addrRowOrigin);
            addrIc.assign(addrRowOrigin);
            wBase.assign(weightBase);
            wAddr.assign(weightBase);
        }).elseWhen(tileEnd, () -> {
            bubble.assign(B(false));
            k.assign(0);
            ky.assign(0);
            kxr.assign(0);
            icg.assign(0);
            xg.assign(mux(xgLast, U(0, wd.count()), xg.addWrap(1)));
            x0r.assign(mux(xgLast, U(0, wd.count()), x0r.addWrap(c.pp())));
            when(nextRow, () -> y.assign(mux(yLast, U(0, wd.count()), y.addWrap(1))));
            when(nextGroup, () -> {
                ocg.assign(ocg.addWrap(1));
                when(ocgLast, () -> run.assign(B(false)));
            });
            rowY.assign(rowYNext);
            row.assign(rowYNext);
            addrRowY.assign(addrRowYNext);
            addrRow.assign(addrRowYNext);
            addrIc.assign(addrRowYNext);
            wBase.assign(wBaseNext);
            wAddr.assign(wBaseNext);
        }).elseWhen(run, () -> {
            when(kFull.not(), () -> k.assign(k.addWrap(1)));
            when(stepValid, () -> {
                wAddr.assign(wAddr.addWrap(1));
                when(icgLast.not(), () -> {
                    icg.assign(icg.addWrap(1));
                    addrIc.assign(addrIc.addWrap(addrIcStep));
                }).otherwise(() -> {
                    icg.assign(0);
                    when(kxLast.not(), () -> {
                        kxr.assign(kxr.addWrap(1));
                        addrIc.assign(addrRow);
                    }).otherwise(() -> {
                        kxr.assign(0);
                        when(kyLast.not(), () -> {
                            ky.assign(ky.addWrap(1));
                            row.assign(row.addWrap(rowDilation));
                            addrRow.assign(addrRow.addWrap(addrRowDilation));
                            addrIc.assign(addrRow.addWrap(addrRowDilation));
                        }).otherwise(() -> {
                            // All taps issued before PP cycles passed: wait out the tile as bubbles.
                            ky.assign(0);
                            bubble.assign(B(true));
                        });
                    });
                });
            });
        });
        when(stepValid.and(tapsDone), () -> wEnd.assign(wAddr.addWrap(1)));

        valid = output("valid", bool());
        valid.assign(stepValid);
        first = output("first", bool());
        first.assign(stepValid.and(icg.eq(0)).and(kxr.eq(0)).and(ky.eq(0)));
        last = output("last", bool());
        last.assign(stepValid.and(tapsDone));
        rowValid = output("row_valid", bool());
        rowValid.assign(row.ge(0).and(row.lt(inRows)));
        rowAddr = output("row_addr", uint(wd.slot()));
        rowAddr.assign(addrIc);
        kx = output("kx", uint(wd.kernel() - 1));
        kx.assign(kxr);
        x0 = output("x0", uint(wd.count()));
        x0.assign(x0r);
        weightAddr = output("weight_addr", uint(wd.weightAddr()));
        weightAddr.assign(wAddr);
    }

    @Override
    protected String moduleName() {
        return "dpu_sequencer";
    }
}
