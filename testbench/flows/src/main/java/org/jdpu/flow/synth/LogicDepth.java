package org.jdpu.flow.synth;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The longest register-to-register (or port-to-register) path of a mapped netlist counted in logic
 * levels, the way Vivado's timing reports count them: each LUT, wide multiplexer (MUXF7/8/9),
 * carry cell (CARRY4/CARRY8), distributed-RAM read and unregistered DSP on the path is one level;
 * I/O and clock buffers are free. Registers, block RAM, UltraRAM, shift registers and DSP slices
 * with their multiplier or output register in use start and end paths. Without placement there is
 * no wire delay, so this is a proxy for the critical path, not a timing figure.
 *
 * @param levels       logic levels of the longest path (0 when every path is register to register)
 * @param from         net where it starts (a register, port or RAM output)
 * @param to           net where it ends (named by the register it feeds when there is one)
 * @param path         cell types along the path, from start to end
 * @param unknownTypes cell types the analysis does not know (treated as path boundaries), with counts
 */
public record LogicDepth(int levels, String from, String to, List<String> path, Map<String, Long> unknownTypes) {

    public LogicDepth {
        path = List.copyOf(path);
        unknownTypes = Map.copyOf(unknownTypes);
    }

    /** Reads a flattened netlist written by Yosys {@code write_json} and measures its deepest path. */
    public static LogicDepth of(Path netlistJson, String top) {
        return of(MappedNetlist.read(netlistJson, top));
    }

    static LogicDepth of(MappedNetlist n) {
        Levels l = levels(n);
        return l.loop != null ? l.loop : deepest(n, l, n.endpoints);
    }

    /**
     * The deepest path per clock domain, keyed by the clock's net name ({@code clk}, {@code clk2x}):
     * each path counts for the clock of the register, RAM or DSP that captures it (paths to output
     * ports belong to none). One entry with the loop when the netlist has a combinational loop.
     */
    public static Map<String, LogicDepth> byClock(Path netlistJson, String top) {
        return byClock(MappedNetlist.read(netlistJson, top));
    }

    static Map<String, LogicDepth> byClock(MappedNetlist n) {
        Levels l = levels(n);
        Map<String, LogicDepth> out = new java.util.TreeMap<>();
        if (l.loop != null) {
            out.put("loop", l.loop);
            return out;
        }
        for (var e : n.endpointsByClock.entrySet()) {
            LogicDepth d = deepest(n, l, e.getValue());
            out.merge(clockName(n, e.getKey()), d, (a, b) -> a.levels() >= b.levels() ? a : b);
        }
        return out;
    }

    /**
     * A clock bit's public name, looking through the clock buffers between the port and the
     * registers; without the instance path, which only says where the flattened name was first seen.
     */
    private static String clockName(MappedNetlist n, int bit) {
        for (int b = bit, hops = 0; b >= 0 && b < n.driver.length && hops < 8; hops++) {
            String known = publicName(n, b);
            if (known != null) return known.substring(known.lastIndexOf('.') + 1);
            int c = n.driver[b];
            if (c < 0 || n.cells.get(c).inputs() == null || n.cells.get(c).inputs().length != 1) break;
            b = n.cells.get(c).inputs()[0];
        }
        return name(n, bit);
    }

    /** The logic level of every bit and the path back from it, or the combinational loop found instead. */
    private record Levels(int[] level, int[] pred, LogicDepth loop) {}

    private static Levels levels(MappedNetlist n) {
        int bits = n.driver.length;
        int[] level = new int[bits];
        int[] pred = new int[bits];
        Arrays.fill(level, UNVISITED);
        Arrays.fill(pred, -1);
        int[] stack = new int[64];
        for (int root = 0; root < bits; root++) {
            if (level[root] != UNVISITED) continue;
            int sp = 0;
            stack[sp++] = root;
            while (sp > 0) {
                int b = stack[sp - 1];
                if (level[b] >= 0) { sp--; continue; }
                int c = n.driver[b];
                if (c < 0) { level[b] = 0; sp--; continue; }
                int[] deps = inputsOf(n, c, n.driverBit[b]);
                if (level[b] == UNVISITED) {
                    level[b] = IN_PROGRESS;
                    for (int d : deps) {
                        if (d >= bits) continue;
                        if (level[d] == IN_PROGRESS) {
                            return new Levels(level, pred, new LogicDepth(-1, name(n, d), name(n, d),
                                    List.of("combinational loop through " + n.cells.get(c).name()), n.unknownTypes));
                        }
                        if (level[d] == UNVISITED) {
                            if (sp == stack.length) stack = Arrays.copyOf(stack, sp * 2);
                            stack[sp++] = d;
                        }
                    }
                } else {
                    int best = 0, from = -1;
                    for (int d : deps) {
                        if (d < bits && (from < 0 || level[d] > best)) { best = level[d]; from = d; }
                    }
                    level[b] = best + n.cells.get(c).levels();
                    pred[b] = from;
                    sp--;
                }
            }
        }
        return new Levels(level, pred, null);
    }

    /** The deepest path ending at one of {@code endpoints}. */
    private static LogicDepth deepest(MappedNetlist n, Levels l, java.util.BitSet endpoints) {
        int bits = n.driver.length;
        int[] level = l.level, pred = l.pred;
        int end = -1;
        for (int b = endpoints.nextSetBit(0); b >= 0 && b < bits; b = endpoints.nextSetBit(b + 1)) {
            if (end < 0 || level[b] > level[end]) end = b;
        }
        if (end < 0 || level[end] <= 0) return new LogicDepth(0, "", "", List.of(), n.unknownTypes);
        List<String> types = new ArrayList<>();
        int start = end;
        for (int b = end; b >= 0 && n.driver[b] >= 0; b = pred[b]) {
            MappedNetlist.Comb cell = n.cells.get(n.driver[b]);
            if (cell.levels() > 0) types.add(cell.type());
            start = pred[b] >= 0 ? pred[b] : b;
        }
        Collections.reverse(types);
        return new LogicDepth(level[end], name(n, start), endpointName(n, end), types, n.unknownTypes);
    }

    private static final int UNVISITED = -1;
    private static final int IN_PROGRESS = -2;

    private static int[] inputsOf(MappedNetlist n, int cell, int outBit) {
        MappedNetlist.Comb c = n.cells.get(cell);
        if (c.inputs() != null) return c.inputs();
        // Carry chain: output bit i depends on the select and data inputs of bits 0..i and the carry-in.
        int k = Math.min(outBit, c.carryS().length - 1);
        int[] deps = new int[2 * (k + 1) + c.carryIn().length];
        int m = 0;
        for (int i = 0; i <= k; i++) {
            if (i < c.carryS().length) deps[m++] = c.carryS()[i];
            if (i < c.carryDi().length) deps[m++] = c.carryDi()[i];
        }
        for (int b : c.carryIn()) deps[m++] = b;
        return Arrays.stream(deps, 0, m).filter(b -> b >= 0).toArray();
    }

    private static String name(MappedNetlist n, int bit) {
        String known = publicName(n, bit);
        if (known != null) return known;
        if (bit >= 0 && bit < n.driver.length && n.driver[bit] >= 0) return "output of " + n.cells.get(n.driver[bit]).name();
        return "net " + bit;
    }

    private static String endpointName(MappedNetlist n, int bit) {
        Integer q = n.registerOf.get(bit);
        if (q != null) {
            String reg = publicName(n, q);
            if (reg != null) return reg + " (register)";
        }
        return name(n, bit);
    }

    /** The bit's public name, or that of the buffer output it drives (a register feeding a port). */
    private static String publicName(MappedNetlist n, int bit) {
        if (bit >= 0 && bit < n.names.length && n.names[bit] != null) return n.names[bit];
        Integer out = n.bufferedAs.get(bit);
        if (out != null && out < n.names.length && n.names[out] != null) return n.names[out];
        return null;
    }
}
