package org.jdpu.hdl.tests;

import org.jdpu.hdl.Bool;
import org.jdpu.hdl.Design;
import org.jdpu.hdl.ElaborationException;
import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.SInt;
import org.jdpu.hdl.UInt;
import org.jdpu.hdl.ir.Diagnostic;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Supplier;

import static org.jdpu.hdl.Hdl.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each elaboration check fires on a small faulty module with the Java file and line of the
 * offending signal or statement, and stays silent on the corrected module. Lines are found
 * through the marker comments in this file.
 */
class CheckTest {
    static final String FILE = "CheckTest.java";

    /** Elaborates, expects failure, and returns the single error (asserting there is exactly one). */
    private static Diagnostic onlyError(Supplier<? extends HwModule> gen) {
        ElaborationException e = assertThrows(ElaborationException.class, () -> Design.elaborate(gen));
        assertEquals(1, e.errors().size(), e::getMessage);
        return e.errors().get(0);
    }

    private static void assertAt(Diagnostic d, String marker, String... fragments) {
        assertEquals(SourceLines.at(FILE, marker), d.loc().toString(), d::toString);
        for (String f : fragments) {
            assertTrue(d.message().contains(f), () -> "'" + f + "' missing from: " + d);
        }
    }

    /** Clean designs elaborate without errors or warnings, and lint clean. */
    private static void assertClean(Supplier<? extends HwModule> gen, String top) {
        Design d = Design.elaborate(gen);
        assertEquals(List.of(), d.warnings());
        Hw.emit(d, top);
    }

    // ---- width mismatch / implicit truncation ----

    static final class Truncation extends HwModule {
        Truncation(boolean fixed) {
            UInt a = input("a", uint(8));
            UInt y = output("y", uint(8));
            if (fixed) {
                y.assign(a.addWrap(1));
            } else {
                y.assign(a.add(1)); // @truncation
            }
        }
    }

    @Test
    void implicitTruncationIsAnError() {
        assertAt(onlyError(() -> new Truncation(false)), "@truncation", "width mismatch", "UInt(9)", "'y'",
                "trunc(8)");
        assertClean(() -> new Truncation(true), "check_truncation");
    }

    static final class BitwiseWidths extends HwModule {
        BitwiseWidths(boolean fixed) {
            UInt a = input("a", uint(8));
            UInt b = input("b", uint(4));
            UInt y = output("y", uint(8));
            y.assign(fixed ? a.and(b.zext(8)) : a.and(b)); // @bitwise
        }
    }

    @Test
    void bitwiseOperandsOfDifferentWidthsAreAnError() {
        assertAt(onlyError(() -> new BitwiseWidths(false)), "@bitwise", "width mismatch", "UInt(8)", "UInt(4)");
        assertClean(() -> new BitwiseWidths(true), "check_bitwise");
    }

    static final class Signedness extends HwModule {
        Signedness(boolean fixed) {
            SInt a = input("a", sint(8));
            UInt y = output("y", uint(8));
            if (fixed) {
                y.assign(a.asUInt());
            } else {
                y.assign(a); // @signedness
            }
        }
    }

    @Test
    void mixingSignednessIsAnError() {
        assertAt(onlyError(() -> new Signedness(false)), "@signedness", "type mismatch", "SInt(8)");
        assertClean(() -> new Signedness(true), "check_signedness");
    }

    // ---- undriven ----

    static final class UndrivenOutput extends HwModule {
        UndrivenOutput(boolean fixed) {
            UInt a = input("a", uint(4)); // @undriven-output-input
            UInt y = output("y", uint(4)); // @undriven-output
            if (fixed) {
                y.assign(a);
            }
        }
    }

    @Test
    void undrivenOutputIsAnError() {
        assertAt(onlyError(() -> new UndrivenOutput(false)), "@undriven-output", "undriven output 'y'");
        assertClean(() -> new UndrivenOutput(true), "check_undriven_output");
    }

    static final class UndrivenWire extends HwModule {
        UndrivenWire(boolean fixed) {
            UInt a = input("a", uint(4)); // @undriven-wire-input
            UInt y = output("y", uint(4));
            UInt w = wire("w", uint(4)); // @undriven-wire
            if (fixed) {
                w.assign(a);
            }
            y.assign(w);
        }
    }

    @Test
    void undrivenWireIsAnError() {
        Diagnostic d = onlyError(() -> new UndrivenWire(false));
        assertAt(d, "@undriven-wire", "undriven wire 'w'");
        assertClean(() -> new UndrivenWire(true), "check_undriven_wire");
    }

    static final class Child extends HwModule {
        final UInt in = input("in", uint(4));
        final UInt out = output("out", uint(4));

        Child() {
            out.assign(in);
        }
    }

    static final class UnconnectedChild extends HwModule {
        UnconnectedChild(boolean fixed) {
            UInt a = input("a", uint(4)); // @unconnected-input
            UInt y = output("y", uint(4));
            Child c = instance("c", new Child()); // @unconnected
            if (fixed) {
                c.in.assign(a);
            }
            y.assign(c.out);
        }
    }

    @Test
    void unconnectedInstanceInputIsAnError() {
        assertAt(onlyError(() -> new UnconnectedChild(false)), "@unconnected", "input 'in' of instance 'c'");
        assertClean(() -> new UnconnectedChild(true), "check_unconnected");
    }

    // ---- multiple drivers ----

    static final class DoubleDriver extends HwModule {
        DoubleDriver(boolean fixed) {
            UInt a = input("a", uint(4));
            UInt b = input("b", uint(4));
            Bool c = input("c", bool());
            UInt y = output("y", uint(4));
            y.assign(a); // @first-driver
            if (fixed) {
                when(c, () -> y.assign(b));
            } else {
                y.assign(b.xor(a)); // @second-driver
                when(c, () -> y.assign(b));
            }
        }
    }

    @Test
    void anAlwaysOverriddenAssignmentIsAMultipleDriverError() {
        Diagnostic d = onlyError(() -> new DoubleDriver(false));
        assertAt(d, "@first-driver", "multiple drivers", "'y'", SourceLines.at(FILE, "@second-driver"));
        assertClean(() -> new DoubleDriver(true), "check_double_driver");
    }

    // ---- combinational loops ----

    static final class Loop extends HwModule {
        Loop(boolean fixed) {
            UInt a = input("a", uint(4));
            UInt y = output("y", uint(4));
            UInt w = wire("w", uint(4)); // @loop
            UInt v = wire("v", uint(4)); // @loop-v
            v.assign(w.addWrap(a)); // @loop-add
            if (fixed) {
                w.assign(regNext("w_q", v));
            } else {
                w.assign(v.xor(a)); // @loop-xor
            }
            y.assign(v);
        }
    }

    @Test
    void combinationalLoopIsReportedWithItsPath() {
        Diagnostic d = onlyError(() -> new Loop(false));
        assertAt(d, "@loop", "combinational loop", "'w'[", "'v'[");
        assertClean(() -> new Loop(true), "check_loop");
    }

    /** Bits 1..3 of w depend on bits 0..2 of w: a loop only at word level. */
    static final class FalseLoop extends HwModule {
        FalseLoop(boolean real) {
            Bool a = input("a", bool());
            UInt y = output("y", uint(4));
            UInt w = wire("w", uint(4)); // @false-loop
            w.assign(cat(w.bits(real ? 3 : 2, real ? 1 : 0), a)); // @false-loop-assign
            y.assign(w);
        }
    }

    @Test
    void loopsAreFoundBitByBit() {
        Design ok = Design.elaborate(() -> new FalseLoop(false));
        assertEquals(1, ok.warnings().size());
        assertAt(ok.warnings().get(0), "@false-loop", "no combinational loop", "Vec of Bools");
        Diagnostic d = onlyError(() -> new FalseLoop(true));
        assertAt(d, "@false-loop", "combinational loop", "'w'[");
    }

    static final class Passthrough extends HwModule {
        final UInt in = input("in", uint(4));
        final UInt out = output("out", uint(4));

        Passthrough(boolean registered) {
            out.assign(registered ? regNext("q", in) : in);
        }
    }

    static final class LoopThroughChild extends HwModule {
        LoopThroughChild(boolean registered) {
            UInt y = output("y", uint(4));
            Passthrough p = instance("p", new Passthrough(registered)); // @child-loop
            p.in.assign(p.out.addWrap(1)); // @child-loop-add
            y.assign(p.out);
        }
    }

    @Test
    void loopsThroughChildModulesAreFound() {
        Diagnostic d = onlyError(() -> new LoopThroughChild(false));
        assertTrue(d.message().contains("combinational loop") && d.message().contains("'p.out'"), d::toString);
        assertTrue(d.message().contains(SourceLines.at(FILE, "@child-loop")), d::toString);
        assertClean(() -> new LoopThroughChild(true), "check_child_loop");
    }

    // ---- latches ----

    static final class Latch extends HwModule {
        Latch(boolean fixed) {
            UInt a = input("a", uint(4));
            Bool c = input("c", bool());
            Bool e = input("e", bool());
            UInt y = output("y", uint(4)); // @latch
            if (fixed) {
                y.assign(0);
            }
            when(c, () -> y.assign(a)).elseWhen(e, () -> y.assign(a.not())); // @latch-assign
        }
    }

    @Test
    void aCombinationalSignalNotAssignedOnEveryPathIsALatch() {
        Diagnostic d = onlyError(() -> new Latch(false));
        assertAt(d, "@latch", "latch", "'y'", SourceLines.at(FILE, "@latch-assign"));
        assertClean(() -> new Latch(true), "check_latch");
    }

    // ---- illegal assignments and hierarchy ----

    static final class AssignInput extends HwModule {
        AssignInput() {
            UInt a = input("a", uint(4));
            UInt y = output("y", uint(4));
            a.assign(3); // @assign-input
            y.assign(a);
        }
    }

    @Test
    void assigningAnInputIsAnError() {
        assertAt(onlyError(AssignInput::new), "@assign-input", "cannot assign to input port 'a'");
    }

    static final class AssignChildOutput extends HwModule {
        AssignChildOutput() {
            UInt a = input("a", uint(4));
            UInt y = output("y", uint(4));
            Child c = instance("c", new Child());
            c.in.assign(a);
            c.out.assign(a); // @assign-child-output
            y.assign(c.out);
        }
    }

    @Test
    void assigningAnInstanceOutputIsAnError() {
        assertAt(onlyError(AssignChildOutput::new), "@assign-child-output", "output of the instance");
    }

    static final class Leaky extends HwModule {
        final UInt secret;
        final UInt out = output("out", uint(4));

        Leaky() {
            UInt in = input("in", uint(4));
            secret = in.addWrap(1);
            out.assign(secret);
        }
    }

    static final class UsesChildInternals extends HwModule {
        UsesChildInternals() {
            UInt a = input("a", uint(4));
            UInt y = output("y", uint(4));
            Leaky l = instance("l", new Leaky()); // @cross-module-instance
            l.netlist();
            y.assign(l.secret.xor(a)); // @cross-module
        }
    }

    @Test
    void usingAnotherModulesSignalWithoutAPortIsAnError() {
        ElaborationException e = assertThrows(ElaborationException.class, () -> Design.elaborate(UsesChildInternals::new));
        Diagnostic d = e.errors().stream().filter(x -> x.message().contains("not a port")).findFirst().orElseThrow();
        assertAt(d, "@cross-module", "'secret'", "instance 'l'");
    }

    // ---- unused inputs (warning) ----

    static final class UnusedInput extends HwModule {
        UnusedInput() {
            UInt a = input("a", uint(4));
            input("spare", uint(4)); // @unused-input
            UInt y = output("y", uint(4));
            y.assign(a);
        }
    }

    @Test
    void unusedInputsAreWarningsAndTheDesignStillEmits() {
        Design d = Design.elaborate(UnusedInput::new);
        assertEquals(1, d.warnings().size());
        Diagnostic w = d.warnings().get(0);
        assertEquals(Diagnostic.Severity.WARNING, w.severity());
        assertAt(w, "@unused-input", "unused input 'spare'");
        Hw.emit(d, "check_unused_input");
    }

    // ---- misuse caught while building ----

    static final class Orphan extends HwModule {
        Orphan() {
            UInt y = output("y", uint(4));
            new Child(); // @orphan
            y.assign(0);
        }
    }

    @Test
    void aModuleConstructedWithoutInstanceIsReported() {
        ElaborationException e = assertThrows(ElaborationException.class, () -> Design.elaborate(Orphan::new));
        assertTrue(e.errors().stream().anyMatch(d -> d.message().contains("never added with instance")
                && d.loc().toString().equals(SourceLines.at(FILE, "@orphan"))), e::getMessage);
    }

    static final class BrokenChain extends HwModule {
        BrokenChain() {
            Bool c = input("c", bool());
            UInt y = output("y", uint(4));
            var w = when(c, () -> y.assign(1)); // @broken-chain-when
            y.assign(2); // @broken-chain-override
            w.otherwise(() -> y.assign(3)); // @broken-chain
        }
    }

    @Test
    void otherwiseMustFollowItsWhen() {
        ElaborationException e = assertThrows(ElaborationException.class, () -> Design.elaborate(BrokenChain::new));
        assertTrue(e.errors().stream().anyMatch(d -> d.message().contains("must directly follow")
                && d.loc().toString().equals(SourceLines.at(FILE, "@broken-chain"))), e::getMessage);
    }

    static final class BadConstant extends HwModule {
        BadConstant() {
            UInt y = output("y", uint(4));
            y.assign(16); // @bad-constant
        }
    }

    @Test
    void aConstantThatDoesNotFitIsAnError() {
        assertAt(onlyError(BadConstant::new), "@bad-constant", "constant 16 does not fit UInt(4)");
    }

    static final class BadNames extends HwModule {
        BadNames() {
            UInt a = input("a", uint(4)); // @first-port
            UInt y = output("output", uint(4)); // @reserved-port
            input("a", uint(4)); // @duplicate-port
            Child c1 = instance("c", new Child()); // @first-instance
            Child c2 = instance("c", new Child()); // @duplicate-instance
            c1.in.assign(a);
            c2.in.assign(c1.out);
            y.assign(c2.out);
        }
    }

    @Test
    void portAndInstanceNamesMustBeLegalAndUnique() {
        ElaborationException e = assertThrows(ElaborationException.class, () -> Design.elaborate(BadNames::new));
        assertEquals(3, e.errors().size(), e::getMessage);
        assertAt(e.errors().get(0), "@reserved-port", "port name 'output'");
        assertAt(e.errors().get(1), "@duplicate-port", "duplicate port name 'a'");
        assertAt(e.errors().get(2), "@duplicate-instance", "duplicate instance name 'c'");
    }

    // ---- every error at once ----

    static final class ManyErrors extends HwModule {
        ManyErrors() {
            UInt a = input("a", uint(8));
            UInt y = output("y", uint(4)); // @many-undriven
            UInt z = output("z", uint(4));
            z.assign(a); // @many-truncation
            a.assign(1); // @many-input
        }
    }

    @Test
    void allErrorsOfADesignAreReportedTogether() {
        ElaborationException e = assertThrows(ElaborationException.class, () -> Design.elaborate(ManyErrors::new));
        assertEquals(3, e.errors().size(), e::getMessage);
        String msg = e.getMessage();
        assertTrue(msg.startsWith("elaboration of ManyErrors failed with 3 errors"), msg);
        for (String marker : List.of("@many-undriven", "@many-truncation", "@many-input")) {
            assertTrue(msg.contains(SourceLines.at(FILE, marker)), () -> marker + " missing from\n" + msg);
        }
    }
}
