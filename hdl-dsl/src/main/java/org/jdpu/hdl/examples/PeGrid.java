package org.jdpu.hdl.examples;

import org.jdpu.hdl.Bool;
import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.SInt;
import org.jdpu.hdl.Vec;

import static org.jdpu.hdl.Hdl.*;

/**
 * A {@code rows x cols} output-stationary systolic grid of {@link DotProductPe}s: row r's
 * activations enter at the left and move right, column c's weights enter at the top and move
 * down, one register per hop. Every element's accumulator is an output.
 */
public final class PeGrid extends HwModule {
    public final Vec<Vec<SInt>> a;
    public final Vec<Vec<SInt>> w;
    public final Bool first = input("first", bool());
    public final Vec<SInt> acc;

    public PeGrid(int rows, int cols, int lanes, int accWidth) {
        a = input("a", vec(rows, vec(lanes, sint(8))));
        w = input("w", vec(cols, vec(lanes, sint(8))));
        acc = output("acc", vec(rows * cols, sint(accWidth)));
        DotProductPe[][] pe = new DotProductPe[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                DotProductPe p = instance("pe_" + r + "_" + c, new DotProductPe(lanes, accWidth));
                pe[r][c] = p;
                p.aIn.assign(c == 0 ? a.get(r) : pe[r][c - 1].aOut);
                p.wIn.assign(r == 0 ? w.get(c) : pe[r - 1][c].wOut);
                p.first.assign(r == 0 ? first : pe[r - 1][c].firstOut);
                acc.get(r * cols + c).assign(p.acc);
            }
        }
    }
}
