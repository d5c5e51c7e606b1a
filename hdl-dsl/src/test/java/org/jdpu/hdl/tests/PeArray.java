package org.jdpu.hdl.tests;

import org.jdpu.hdl.Bool;
import org.jdpu.hdl.Module;
import org.jdpu.hdl.SInt;
import org.jdpu.hdl.Vec;

import static org.jdpu.hdl.Hdl.*;

/** A rows x cols systolic array of {@link Pe}: a flows right, b flows down. */
final class PeArray extends Module {
    final Vec<SInt> a;
    final Vec<SInt> b;
    final Bool clear = input("clear", bool());
    final Vec<SInt> acc;

    PeArray(int rows, int cols) {
        a = input("a", vec(rows, sint(8)));
        b = input("b", vec(cols, sint(8)));
        acc = output("acc", vec(rows * cols, sint(32)));
        Pe[][] pe = new Pe[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                Pe p = instance("pe_" + r + "_" + c, new Pe());
                pe[r][c] = p;
                p.a.assign(c == 0 ? a.get(r) : pe[r][c - 1].aOut);
                p.b.assign(r == 0 ? b.get(c) : pe[r - 1][c].bOut);
                p.clear.assign(clear);
                acc.get(r * cols + c).assign(p.acc);
            }
        }
    }
}
