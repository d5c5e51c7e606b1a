package org.jdpu.flow;

import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.arch.isa.ControlRegister;
import org.jdpu.arch.isa.TopInterface;
import org.jdpu.hdl.Bundle;
import org.jdpu.hdl.Data;
import org.jdpu.hdl.lib.Axi4;
import org.jdpu.hdl.lib.AxiLite;

import java.util.ArrayList;
import java.util.List;

/**
 * The ports of the network engine's top level {@code dpu_top}, derived from its interface
 * ({@link TopInterface}) and the AXI widths ({@link AxiConfig}) without elaborating the engine:
 * clock and reset, the AXI4-Lite control slave, the AXI4 data and instruction masters and the
 * interrupt. The emitted top is checked against this list, and the READMEs print it.
 */
public final class EnginePorts {
    private EnginePorts() {}

    /** One Verilog port. */
    public record Port(String name, boolean output, int width) {
        /** {@code name input|output width}, the form the port check compares. */
        public String describe() {
            return name + (output ? " output " : " input ") + width;
        }
    }

    /** One interface of the top: its port prefix, what it is, and its ports in declaration order. */
    public record Interface(String prefix, String meaning, List<Port> ports) {}

    public static List<Interface> interfaces(AxiConfig a) {
        return interfaces(a, false);
    }

    /** The interfaces of an engine with ({@code doubleRate}) or without the 2x multiplier clock. */
    public static List<Interface> interfaces(AxiConfig a, boolean doubleRate) {
        List<Interface> out = new ArrayList<>();
        out.add(new Interface(TopInterface.CLOCK, "clock, rising edge", List.of(new Port(TopInterface.CLOCK, false, 1))));
        out.add(new Interface(TopInterface.RESET, "synchronous reset, active high", List.of(new Port(TopInterface.RESET, false, 1))));
        if (doubleRate) {
            out.add(new Interface(TopInterface.CLOCK_2X, "the multipliers' clock (+dsp2x): twice clk, synchronous and "
                    + "edge-aligned with it", List.of(new Port(TopInterface.CLOCK_2X, false, 1))));
        }
        out.add(new Interface(TopInterface.CONTROL, "AXI4-Lite slave, " + ControlRegister.ADDRESS_BITS
                + "-bit byte address, 32-bit data: the control registers (host CPU, e.g. the PS's HPM0)",
                leaves(TopInterface.CONTROL, new AxiLite(ControlRegister.ADDRESS_BITS, 32), false)));
        out.add(new Interface(TopInterface.DATA, "AXI4 master, " + AxiConfig.ADDRESS_BITS + "-bit address, " + a.dataBits()
                + "-bit data, 1-bit id: LOAD reads and SAVE writes (DDR, e.g. an HP port)",
                leaves(TopInterface.DATA, new Axi4(AxiConfig.ADDRESS_BITS, a.dataBits(), 1), true)));
        out.add(new Interface(TopInterface.INSTR, "AXI4 master, " + AxiConfig.ADDRESS_BITS + "-bit address, " + a.dataBits()
                + "-bit data, 1-bit id: instruction fetch, reads only (write channels idle)",
                leaves(TopInterface.INSTR, new Axi4(AxiConfig.ADDRESS_BITS, a.dataBits(), 1), true)));
        out.add(new Interface(TopInterface.IRQ, "level interrupt: high while the program is done and not cleared",
                List.of(new Port(TopInterface.IRQ, true, 1))));
        return out;
    }

    /** Every port of {@code dpu_top} in declaration order. */
    public static List<Port> all(AxiConfig a) {
        return all(a, false);
    }

    /** Every port of {@code dpu_top} with or without the 2x clock. */
    public static List<Port> all(AxiConfig a, boolean doubleRate) {
        return interfaces(a, doubleRate).stream().flatMap(i -> i.ports().stream()).toList();
    }

    /** The ports of {@code dpu_top} as a Markdown table, one row per interface with its signals. */
    public static String table(AxiConfig a) {
        return table(a, false);
    }

    /** As {@link #table(AxiConfig)}, with or without the 2x clock. */
    public static String table(AxiConfig a, boolean doubleRate) {
        StringBuilder s = new StringBuilder("| ports | what | signals |\n|---|---|---|\n");
        for (Interface i : interfaces(a, doubleRate)) {
            boolean single = i.ports().size() == 1;
            s.append("| `").append(i.prefix()).append(single ? "`" : "_*`").append(" | ").append(i.meaning()).append(" | ");
            List<String> names = new ArrayList<>();
            for (Port p : i.ports()) {
                String n = single ? (p.output() ? "output" : "input") : p.name().substring(i.prefix().length() + 1) + (p.output() ? " out" : " in");
                names.add(p.width() == 1 ? n : n + " [" + (p.width() - 1) + ":0]");
            }
            s.append(String.join(", ", names)).append(" |\n");
        }
        return s.toString();
    }

    /** The leaves of a bundle bound at the top level, as the emitter names them ({@code <prefix>_<field>}). */
    private static List<Port> leaves(String prefix, Bundle bundle, boolean output) {
        List<Port> out = new ArrayList<>();
        collect(prefix, bundle, output, out);
        return out;
    }

    private static void collect(String prefix, Data data, boolean output, List<Port> out) {
        if (data instanceof Bundle b) {
            for (Bundle.Field f : b.fields()) {
                collect(f.name().isEmpty() ? prefix : prefix + "_" + f.name(), f.data(), output ^ f.flipped(), out);
            }
        } else {
            out.add(new Port(prefix, output, data.width()));
        }
    }
}
