package org.jdpu.hdl.tests;

import org.jdpu.hdl.Design;
import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.SInt;
import org.jdpu.sim.Port;
import org.jdpu.sim.Simulator;
import org.junit.jupiter.api.Test;

import static org.jdpu.hdl.Hdl.bool;
import static org.jdpu.hdl.Hdl.sint;
import static org.jdpu.hdl.Hdl.uint;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Unsigned operators on {@code asUInt()} views of signed nets of equal width. Verilog compares and
 * multiplies two operands declared signed as signed, so the emitter must not print such a view
 * as the bare signed name: every pair of 8-bit values is checked against unsigned arithmetic.
 */
class UnsignedViewTest {

    static final class Views extends HwModule {
        Views() {
            SInt a = input("a", sint(8));
            SInt b = input("b", sint(8));
            output("lt", bool()).assign(a.asUInt().lt(b.asUInt()));
            output("ge", bool()).assign(a.asUInt().ge(b.asUInt()));
            output("prod", uint(16)).assign(a.asUInt().mul(b.asUInt()));
            output("max", uint(8)).assign(a.asUInt().max(b.asUInt()));
            output("slt", bool()).assign(a.lt(b));
        }
    }

    @Test
    void unsignedViewsOfSignedNetsCompareAndMultiplyUnsigned() {
        try (Simulator sim = Hw.model(Design.elaborate(Views::new), "unsigned_views").open()) {
            Port a = sim.port("a"), b = sim.port("b");
            for (int x = -128; x < 128; x += 3) {
                for (int y = -128; y < 128; y += 5) {
                    a.set(x);
                    b.set(y);
                    sim.eval();
                    int ux = x & 0xff, uy = y & 0xff;
                    String at = x + ", " + y;
                    assertEquals(ux < uy ? 1 : 0, sim.port("lt").get(), at);
                    assertEquals(ux >= uy ? 1 : 0, sim.port("ge").get(), at);
                    assertEquals((long) ux * uy, sim.port("prod").get(), at);
                    assertEquals(Math.max(ux, uy), sim.port("max").get(), at);
                    assertEquals(x < y ? 1 : 0, sim.port("slt").get(), at);
                }
            }
        }
    }
}
