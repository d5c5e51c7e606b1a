package org.jdpu.hdl.tests;

import org.jdpu.hdl.Design;
import org.jdpu.hdl.ElaborationException;
import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.UInt;
import org.jdpu.hdl.ir.Diagnostic;
import org.junit.jupiter.api.Test;

import java.util.function.Supplier;

import static org.jdpu.hdl.Hdl.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The full text of every elaboration message, as Verilator tests its own
 * ({@code t_lint_width_bad.out}): the faulty modules of {@link CheckTest} (and a few here) are
 * elaborated and what a user would read is compared with {@code golden/messages/<case>.out}.
 * Line numbers in the golden files are marker placeholders (see {@link Golden#checkMessages}).
 */
class MessageGoldenTest {

    /** The exception message of a failing design, or the warnings of one that elaborates. */
    private static String report(Supplier<? extends HwModule> gen) {
        try {
            Design d = Design.elaborate(gen);
            assertFalse(d.warnings().isEmpty(), "the design elaborates without any message");
            StringBuilder b = new StringBuilder();
            for (Diagnostic w : d.warnings()) {
                b.append(w).append('\n');
            }
            return b.toString();
        } catch (ElaborationException e) {
            return e.getMessage() + "\n";
        }
    }

    private static void check(String name, Supplier<? extends HwModule> gen) {
        Golden.checkMessages(name, report(gen));
    }

    // ---- widths and types ----

    @Test
    void widthTruncation() {
        check("width_truncation", () -> new CheckTest.Truncation(false));
    }

    @Test
    void widthOfBitwiseOperands() {
        check("width_bitwise", () -> new CheckTest.BitwiseWidths(false));
    }

    @Test
    void signedness() {
        check("type_signedness", () -> new CheckTest.Signedness(false));
    }

    @Test
    void constantThatDoesNotFit() {
        check("width_constant", CheckTest.BadConstant::new);
    }

    // ---- drivers ----

    @Test
    void undrivenOutput() {
        check("undriven_output", () -> new CheckTest.UndrivenOutput(false));
    }

    @Test
    void undrivenWire() {
        check("undriven_wire", () -> new CheckTest.UndrivenWire(false));
    }

    @Test
    void unconnectedInstanceInput() {
        check("undriven_instance_input", () -> new CheckTest.UnconnectedChild(false));
    }

    @Test
    void multipleDrivers() {
        check("multiple_drivers", () -> new CheckTest.DoubleDriver(false));
    }

    // ---- combinational loops and latches ----

    @Test
    void combinationalLoop() {
        check("comb_loop", () -> new CheckTest.Loop(false));
    }

    @Test
    void combinationalLoopInsideOneSignal() {
        check("comb_loop_bits", () -> new CheckTest.FalseLoop(true));
    }

    @Test
    void combinationalLoopThroughAChild() {
        check("comb_loop_child", () -> new CheckTest.LoopThroughChild(false));
    }

    @Test
    void wordLevelLoopWarning() {
        check("comb_loop_word_warning", () -> new CheckTest.FalseLoop(false));
    }

    @Test
    void latch() {
        check("latch", () -> new CheckTest.Latch(false));
    }

    // ---- warnings and names ----

    @Test
    void unusedInput() {
        check("unused_input", CheckTest.UnusedInput::new);
    }

    @Test
    void portAndInstanceNames() {
        check("names", CheckTest.BadNames::new);
    }

    // ---- misuse ----

    @Test
    void assignInput() {
        check("misuse_assign_input", CheckTest.AssignInput::new);
    }

    @Test
    void assignInstanceOutput() {
        check("misuse_assign_instance_output", CheckTest.AssignChildOutput::new);
    }

    @Test
    void signalOfAnotherModule() {
        check("misuse_cross_module", CheckTest.UsesChildInternals::new);
    }

    @Test
    void moduleWithoutInstance() {
        check("misuse_orphan", CheckTest.Orphan::new);
    }

    @Test
    void otherwiseAfterOtherStatements() {
        check("misuse_broken_chain", CheckTest.BrokenChain::new);
    }

    static final class PrototypeAsHardware extends HwModule {
        PrototypeAsHardware() {
            UInt y = output("y", uint(4));
            y.assign(uint(4)); // @prototype
        }
    }

    @Test
    void prototypeUsedAsHardware() {
        check("misuse_prototype", PrototypeAsHardware::new);
    }

    @Test
    void everyErrorAtOnce() {
        check("many_errors", CheckTest.ManyErrors::new);
    }

    @Test
    void placeholdersNameMarkedLinesAndNothingElse() {
        String at = SourceLines.at(CheckTest.FILE, "@truncation");
        assertEquals("at CheckTest.java:${line:@truncation}.", SourceLines.toPlaceholders("at " + at + "."));
        assertEquals("at " + at + ".", SourceLines.fromPlaceholders("at CheckTest.java:${line:@truncation}."));
        assertThrows(IllegalStateException.class, () -> SourceLines.toPlaceholders("at CheckTest.java:1"),
                "a location on a line without a marker cannot go into a golden file");
    }
}
