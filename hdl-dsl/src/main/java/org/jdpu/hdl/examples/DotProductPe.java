package org.jdpu.hdl.examples;

import org.jdpu.hdl.Bool;
import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.SInt;
import org.jdpu.hdl.Vec;
import org.jdpu.hdl.lib.ReductionTree;

import java.util.ArrayList;
import java.util.List;

import static org.jdpu.hdl.Hdl.*;

/**
 * A processing element of a systolic grid: a {@code lanes}-wide INT8 dot product accumulated
 * into an {@code accWidth}-bit register every cycle. Activations arrive from the left and
 * weights (with the {@code first} flag that restarts accumulation) from above; registered
 * copies go on to the right and downward neighbours.
 */
public final class DotProductPe extends HwModule {
    public final Vec<SInt> aIn;
    public final Vec<SInt> wIn;
    public final Bool first = input("first", bool());
    public final Vec<SInt> aOut;
    public final Vec<SInt> wOut;
    public final Bool firstOut = output("first_out", bool());
    public final SInt acc;
    private final int lanes;

    public DotProductPe(int lanes, int accWidth) {
        this.lanes = lanes;
        aIn = input("a_in", vec(lanes, sint(8)));
        wIn = input("w_in", vec(lanes, sint(8)));
        aOut = output("a_out", vec(lanes, sint(8)));
        wOut = output("w_out", vec(lanes, sint(8)));
        acc = output("acc", sint(accWidth));

        List<SInt> products = new ArrayList<>(lanes);
        for (int i = 0; i < lanes; i++) {
            SInt a = regNext("a_q_" + i, aIn.get(i));
            SInt w = regNext("w_q_" + i, wIn.get(i));
            aOut.get(i).assign(a);
            wOut.get(i).assign(w);
            products.add(a.mul(w));
        }
        Bool firstQ = regNext("first_q", first, 0);
        firstOut.assign(firstQ);

        // A pairwise adder tree: every level grows one bit, so it never overflows.
        SInt sum = ReductionTree.of(products, SInt::add).named("dot");
        SInt total = regInit("total", sint(accWidth), 0);
        total.assign(mux(firstQ, sum.sext(accWidth), total.addWrap(sum)));
        acc.assign(total);
    }

    @Override
    protected String moduleName() {
        return "DotProductPe" + lanes;
    }
}
