package org.jdpu.flow.synth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.jdpu.flow.FlowException;
import org.jdpu.io.IoErrors;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The result of synthesizing one design: resources, mapping checks, logic depth and the final cell
 * counts, as printed by {@code dpu synth} and saved beside it as {@code synth.json}.
 *
 * @param design   the design's name (a preset, {@code PPxICPxOCP}, or a directory name)
 * @param top      top module
 * @param family   Yosys {@code synth_xilinx} family
 * @param tool     the Yosys version line
 * @param seconds  wall time of the Yosys run
 * @param depthByClock the deepest path captured by each clock ({@code clk}, and {@code clk2x} with double-rate
 *                     multipliers); empty in reports written before it was measured
 */
public record SynthReport(String design, String top, String family, String tool, double seconds,
                          Resources resources, MappingChecks mapping, LogicDepth depth, Map<String, Long> cells,
                          Map<String, LogicDepth> depthByClock) {

    public SynthReport {
        cells = new TreeMap<>(cells);
        depthByClock = depthByClock == null ? Map.of() : new TreeMap<>(depthByClock);
    }

    /** Logic levels per clock, {@code clk 16, clk2x 5}; empty for a single-clock design. */
    public String levelsPerClock() {
        if (depthByClock.size() < 2) return "";
        StringBuilder s = new StringBuilder();
        depthByClock.forEach((clock, d) -> s.append(s.isEmpty() ? "" : ", ").append(clock).append(' ').append(d.levels()));
        return s.toString();
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public void writeJson(Path file) {
        try {
            JSON.writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new FlowException("cannot write " + file + ": " + IoErrors.describe(e), e);
        }
    }

    public static SynthReport readJson(Path file) {
        try {
            return JSON.readValue(file.toFile(), SynthReport.class);
        } catch (IOException e) {
            throw new FlowException("cannot read synthesis report " + file + ": " + IoErrors.describe(e), e);
        }
    }

    /** The human-readable summary {@code dpu synth} prints. */
    public String summary() {
        Resources r = resources;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "synth %s: top %s, %s, synth_xilinx -family %s, %.0f s%n", design, top, tool, family, seconds));
        s.append(String.format(Locale.ROOT, "  LUT     %8d  (logic %d, LUTRAM %d, SRL %d; CARRY %d)%n", r.luts(), r.lutLogic(), r.lutRam(), r.srl(), r.carry()));
        s.append(String.format(Locale.ROOT, "  FF      %8d%n", r.ffs()));
        s.append(String.format(Locale.ROOT, "  DSP     %8d  (DSP48E2)%n", r.dsps()));
        s.append(String.format(Locale.ROOT, "  BRAM36  %8s  (%d RAMB36E2 + %d RAMB18E2)%n", formatBram(r.bram36()), r.ramb36(), r.ramb18()));
        s.append(String.format(Locale.ROOT, "  URAM    %8d  (URAM288)%n", r.uram()));
        if (depth.levels() < 0) {
            s.append("  logic depth: ").append(String.join(", ", depth.path())).append('\n');
        } else {
            s.append(String.format(Locale.ROOT, "  logic levels of the longest path: %d%s%n", depth.levels(),
                    depth.levels() == 0 ? "" : "  (" + depth.from() + " -> " + depth.to() + ": " + String.join(" ", depth.path()) + ")"));
        }
        for (var e : depthByClock.size() < 2 ? Map.<String, LogicDepth>of().entrySet() : depthByClock.entrySet()) {
            LogicDepth d = e.getValue();
            s.append(String.format(Locale.ROOT, "    captured by %s: %d%s%n", e.getKey(), d.levels(),
                    d.levels() <= 0 ? "" : "  (" + d.from() + " -> " + d.to() + ": " + String.join(" ", d.path()) + ")"));
        }
        MappingChecks m = mapping;
        s.append(String.format(Locale.ROOT, "  mapping: %d/%d multiplies in DSP, %d memories -> %d block RAM primitives, %d latches, check %s%n",
                m.multipliers() - m.softMultipliers(), m.multipliers(), m.memories(), m.blockRamPrimitives(), m.latches(),
                m.checkProblems().isEmpty() ? "clean" : m.checkProblems().size() + " problem(s)"));
        if (!m.lutRamMemories().isEmpty() && m.buffersInLutRam().isEmpty()) {
            s.append(String.format(Locale.ROOT, "  distributed RAM: %d FIFO(s) (%d LUT RAM primitives), no buffers%n",
                    m.lutRamMemories().size(), m.lutRamPrimitives()));
        }
        for (String v : m.violations()) s.append("  PROBLEM: ").append(v).append('\n');
        return s.toString();
    }

    static String formatBram(double bram36) {
        return bram36 == Math.rint(bram36) ? String.valueOf((long) bram36) : String.format(Locale.ROOT, "%.1f", bram36);
    }
}
