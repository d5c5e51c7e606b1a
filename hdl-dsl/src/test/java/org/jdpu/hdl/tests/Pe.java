package org.jdpu.hdl.tests;

import org.jdpu.hdl.Bool;
import org.jdpu.hdl.Module;
import org.jdpu.hdl.SInt;

import static org.jdpu.hdl.Hdl.*;

/** A processing element: multiply-accumulate with the operands passed on to the neighbours. */
final class Pe extends Module {
    final SInt a = input("a", sint(8));
    final SInt b = input("b", sint(8));
    final Bool clear = input("clear", bool());
    final SInt aOut = output("a_out", sint(8));
    final SInt bOut = output("b_out", sint(8));
    final SInt acc = output("acc", sint(32));

    Pe() {
        SInt sum = regInit("sum", sint(32), 0);
        SInt product = a.mul(b);
        when(clear, () -> sum.assign(product))
                .otherwise(() -> sum.assign(sum.addWrap(product)));
        aOut.assign(regNext("a_q", a));
        bOut.assign(regNext("b_q", b));
        acc.assign(sum);
    }
}
