package org.jdpu.arch;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One engine configuration: the parallelism (PP pixels x ICP input channels x OCP output
 * channels) and the depth of every on-chip buffer. Everything the generator, the driver and the
 * cycle model need to know about a configuration is here; {@link Preset} names the eight
 * DPUCZDX8G-style ones.
 *
 * <p>The architecture string is {@code BASE[+pack][+dsp2x][+tflite][:act=N,wgt=N,out=N,bias=N]}: a preset or
 * {@code PPxICPxOCP}, optionally DSP packing, double-rate multipliers and the TFLite requantiser, optionally buffer depths
 * that differ from the defaults ({@link #parse}); {@link #name()} prints it back in that form, so it
 * round-trips.
 *
 * @param name              the architecture string: a preset name ({@code B1024}) or {@code PPxICPxOCP},
 *                          then {@value #PACK_SUFFIX}, {@value #DOUBLE_RATE_SUFFIX} and the buffer depths that differ
 *                          from the defaults
 * @param pp                pixel parallelism: output pixels of one row computed together
 * @param icp               input-channel parallelism: lanes of each processing element's dot product
 * @param ocp               output-channel parallelism: columns of the processing-element grid
 * @param actBankDepth      words (of ICP bytes) in each activation bank; there are {@link #actBanks()} banks
 * @param weightBankDepth   words (of ICP bytes) in each of the OCP weight banks
 * @param outputDepth       words (of OCP bytes) in the output buffer
 * @param biasDepth         output-channel groups the bias buffer holds (one int32 per column each)
 * @param dspPacking        pack the INT8 multiplies of neighbouring output channels two to a DSP48E2 (Xilinx
 *                          WP486); the name then has {@value #PACK_SUFFIX}
 * @param doubleRate        multiply in a clock domain of twice the engine clock ({@code clk2x}, edge-aligned,
 *                          the DPU's {@code dpu_2x_clk}), so one multiplier does the work of two per engine
 *                          cycle; the name then has {@value #DOUBLE_RATE_SUFFIX}
 * @param tflite            the post-processing can also requantise in TFLite's int8 {@code multiplier} mode
 *                          (zero points, a per-channel int32 multiplier and shift loaded with the biases);
 *                          the name then has {@value #TFLITE_SUFFIX}
 */
public record DpuConfig(String name, int pp, int icp, int ocp,
                        int actBankDepth, int weightBankDepth, int outputDepth, int biasDepth,
                        boolean dspPacking, boolean doubleRate, boolean tflite) {

    /** Largest pixel parallelism the generator accepts. */
    public static final int MAX_PP = 32;
    /** Largest kernel side and stride the address generation handles. */
    public static final int MAX_KERNEL = 16, MAX_STRIDE = 8;
    /** Largest input- or output-channel parallelism the generator accepts. */
    public static final int MAX_CHANNEL_PARALLELISM = 64;
    /** Largest PP x ICP x OCP (multipliers) the generator accepts; twice B4096. */
    public static final int MAX_MACS = 8192;
    /** Buffer depths are powers of two in this range (addresses wrap by dropping high bits). */
    public static final int MIN_DEPTH = 16, MAX_DEPTH = 1 << 20;

    /** Default buffer depths for a configuration given as {@code PPxICPxOCP}. */
    public static final int DEFAULT_ACT_BANK_DEPTH = 2048, DEFAULT_WEIGHT_BANK_DEPTH = 2048,
            DEFAULT_OUTPUT_DEPTH = 8192, DEFAULT_BIAS_DEPTH = 256;

    /** The suffix of an architecture name that turns on DSP packing, e.g. {@code B512+pack}. */
    public static final String PACK_SUFFIX = "+pack";
    /** The suffix that puts the multipliers on the 2x clock, e.g. {@code B512+pack+dsp2x}. */
    public static final String DOUBLE_RATE_SUFFIX = "+dsp2x";
    /** The suffix that adds TFLite's int8 multiplier-mode requantiser, e.g. {@code B512+tflite}. */
    public static final String TFLITE_SUFFIX = "+tflite";
    /**
     * How the program files store the engine options: bit 0 DSP packing, bit 1 double rate, bit 2
     * the TFLite requantiser.
     */
    public static final int DSP_OPTION_PACK = 1, DSP_OPTION_DOUBLE_RATE = 2, OPTION_TFLITE = 4, DSP_OPTIONS_MAX = 7;
    /**
     * With {@link #tflite}, a bias LOAD addresses four times the bias depth: the biases at
     * {@code [0, biasDepth)}, the multipliers at {@code [biasDepth, 2*biasDepth)} and the shifts at
     * {@code [2*biasDepth, 3*biasDepth)} (the last quarter is unused), each at its channel group's address.
     */
    public static final int BIAS_QUARTER_MULTIPLIER = 1, BIAS_QUARTER_SHIFT = 2, BIAS_QUARTERS = 4;

    /** Separates the buffer depths from the rest of an architecture string, e.g. {@code 3x5x7:act=64}. */
    public static final char BUFFERS_SEPARATOR = ':';

    /** The buffer depths an architecture string can set, by the key it uses for them. */
    public enum Buffer {
        ACT("act", "activation bank depth", "words of ICP bytes per activation bank", DEFAULT_ACT_BANK_DEPTH),
        WGT("wgt", "weight bank depth", "words of ICP bytes per weight bank", DEFAULT_WEIGHT_BANK_DEPTH),
        OUT("out", "output buffer depth", "words of OCP bytes", DEFAULT_OUTPUT_DEPTH),
        BIAS("bias", "bias buffer depth", "output-channel groups", DEFAULT_BIAS_DEPTH);

        /** The key in the architecture string. */
        public final String key;
        /** What the depth is called in messages. */
        public final String what;
        /** The unit of the depth, for help texts. */
        public final String unit;
        public final int defaultDepth;

        Buffer(String key, String what, String unit, int defaultDepth) {
            this.key = key;
            this.what = what;
            this.unit = unit;
            this.defaultDepth = defaultDepth;
        }

        /** This buffer's depth in {@code c}. */
        public int depth(DpuConfig c) {
            return switch (this) {
                case ACT -> c.actBankDepth();
                case WGT -> c.weightBankDepth();
                case OUT -> c.outputDepth();
                case BIAS -> c.biasDepth();
            };
        }

        static Buffer byKey(String key) {
            for (Buffer b : values()) {
                if (b.key.equalsIgnoreCase(key)) return b;
            }
            return null;
        }

        static String keys() {
            StringBuilder sb = new StringBuilder();
            for (Buffer b : values()) sb.append(sb.isEmpty() ? "" : ", ").append(b.key);
            return sb.toString();
        }
    }

    private static final Pattern TRIPLE = Pattern.compile("(\\d+)x(\\d+)x(\\d+)");

    public DpuConfig {
        requireRange("PP", pp, 1, MAX_PP);
        requireRange("ICP", icp, 1, MAX_CHANNEL_PARALLELISM);
        requireRange("OCP", ocp, 1, MAX_CHANNEL_PARALLELISM);
        if ((long) pp * icp * ocp > MAX_MACS) {
            throw new IllegalArgumentException("configuration " + name + " has " + (long) pp * icp * ocp
                    + " multipliers (PP*ICP*OCP); at most " + MAX_MACS + " are supported");
        }
        requireDepth("activation bank depth", actBankDepth);
        requireDepth("weight bank depth", weightBankDepth);
        requireDepth("output buffer depth", outputDepth);
        requireDepth("bias buffer depth", biasDepth);
    }

    /** Unpacked: one DSP per multiply, on the engine clock, shift-mode requantiser only. */
    public DpuConfig(String name, int pp, int icp, int ocp,
                     int actBankDepth, int weightBankDepth, int outputDepth, int biasDepth) {
        this(name, pp, icp, ocp, actBankDepth, weightBankDepth, outputDepth, biasDepth, false, false, false);
    }

    /** The DSP options from their bits as the program files store them ({@link #dspOptions()}). */
    public DpuConfig(String name, int pp, int icp, int ocp,
                     int actBankDepth, int weightBankDepth, int outputDepth, int biasDepth, int dspOptions) {
        this(name, pp, icp, ocp, actBankDepth, weightBankDepth, outputDepth, biasDepth,
                (dspOptions & DSP_OPTION_PACK) != 0, (dspOptions & DSP_OPTION_DOUBLE_RATE) != 0,
                (dspOptions & OPTION_TFLITE) != 0);
        if (dspOptions < 0 || dspOptions > DSP_OPTIONS_MAX) {
            throw new IllegalArgumentException("DSP options " + dspOptions + " are not in 0.." + DSP_OPTIONS_MAX);
        }
    }

    /** The engine options as bits: {@link #DSP_OPTION_PACK}, {@link #DSP_OPTION_DOUBLE_RATE}, {@link #OPTION_TFLITE}. */
    public int dspOptions() {
        return (dspPacking ? DSP_OPTION_PACK : 0) | (doubleRate ? DSP_OPTION_DOUBLE_RATE : 0) | (tflite ? OPTION_TFLITE : 0);
    }

    /** Words a bias LOAD may address per column: the bias depth, four times it with {@link #tflite}. */
    public int biasLoadDepth() {
        return tflite ? BIAS_QUARTERS * biasDepth : biasDepth;
    }

    /** A custom configuration with the default buffer depths. */
    public static DpuConfig of(int pp, int icp, int ocp) {
        return new DpuConfig(pp + "x" + icp + "x" + ocp, pp, icp, ocp, DEFAULT_ACT_BANK_DEPTH,
                DEFAULT_WEIGHT_BANK_DEPTH, DEFAULT_OUTPUT_DEPTH, DEFAULT_BIAS_DEPTH);
    }

    /**
     * Parses an architecture string: a preset name ({@code B512}, case-insensitive) or
     * {@code PPxICPxOCP} (e.g. {@code 3x5x7}), optionally followed by {@value #PACK_SUFFIX} for DSP
     * packing ({@code B512+pack}), optionally followed by {@code :} and buffer depths as
     * comma-separated {@code key=words} pairs ({@code 3x5x7:act=64,wgt=64,out=64,bias=16}; keys
     * {@code act}, {@code wgt}, {@code out}, {@code bias}; each a power of two, unset ones keep the
     * defaults).
     *
     * @throws IllegalArgumentException naming the problem (and the field) and the accepted forms
     */
    public static DpuConfig parse(String text) {
        String t = text == null ? "" : text.trim();
        int colon = t.indexOf(BUFFERS_SEPARATOR);
        String head = colon < 0 ? t : t.substring(0, colon);
        DpuConfig c = parseHead(head, text);
        return colon < 0 ? c : parseBuffers(c, t.substring(colon + 1), text);
    }

    private static DpuConfig parseHead(String t, String text) {
        int plus = t.indexOf('+');
        if (plus < 0) return parseBase(t, text);
        boolean pack = false, doubleRate = false, tflite = false;
        for (String part : t.substring(plus + 1).split("\\+", -1)) {
            String option = "+" + part;
            boolean isPack = option.equalsIgnoreCase(PACK_SUFFIX);
            boolean isDoubleRate = option.equalsIgnoreCase(DOUBLE_RATE_SUFFIX);
            boolean isTflite = option.equalsIgnoreCase(TFLITE_SUFFIX);
            if (!isPack && !isDoubleRate && !isTflite) {
                throw new IllegalArgumentException("architecture '" + text + "': unknown option '" + option
                        + "'; the options are " + PACK_SUFFIX + " (two INT8 multiplies per DSP), "
                        + DOUBLE_RATE_SUFFIX + " (multipliers on the 2x clock) and " + TFLITE_SUFFIX
                        + " (TFLite int8 multiplier-mode requantiser), e.g. B512" + PACK_SUFFIX + DOUBLE_RATE_SUFFIX);
            }
            if ((isPack && pack) || (isDoubleRate && doubleRate) || (isTflite && tflite)) {
                throw new IllegalArgumentException("architecture '" + text + "': option '" + option + "' is given twice");
            }
            pack |= isPack;
            doubleRate |= isDoubleRate;
            tflite |= isTflite;
        }
        return parseBase(t.substring(0, plus), text).withDspPacking(pack).withDoubleRate(doubleRate).withTflite(tflite);
    }

    private static DpuConfig parseBuffers(DpuConfig c, String list, String text) {
        if (list.isBlank()) {
            throw new IllegalArgumentException("architecture '" + text + "': no buffer depths after '"
                    + BUFFERS_SEPARATOR + "'; give key=words pairs (" + Buffer.keys() + "), e.g. 3x5x7:act=64,bias=16");
        }
        int[] depth = new int[Buffer.values().length];
        for (Buffer b : Buffer.values()) depth[b.ordinal()] = b.depth(c);
        boolean[] seen = new boolean[depth.length];
        for (String item : list.split(",", -1)) {
            int eq = item.indexOf('=');
            String key = eq < 0 ? item : item.substring(0, eq);
            Buffer b = Buffer.byKey(key);
            if (b == null) {
                throw new IllegalArgumentException("architecture '" + text + "': unknown buffer '" + key
                        + "'; the buffers are " + Buffer.keys() + ", e.g. 3x5x7:act=64,wgt=64,out=64,bias=16");
            }
            if (seen[b.ordinal()]) {
                throw new IllegalArgumentException("architecture '" + text + "': " + b.key + " is given twice");
            }
            seen[b.ordinal()] = true;
            String value = eq < 0 ? "" : item.substring(eq + 1);
            int v;
            try {
                v = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("architecture '" + text + "': " + b.key + "='" + value
                        + "' is not a number; the " + b.what + " is in " + b.unit + ", a power of two in "
                        + MIN_DEPTH + ".." + MAX_DEPTH);
            }
            try {
                requireDepth(b.what, v);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("architecture '" + text + "': " + b.key + "=" + value + ": "
                        + e.getMessage(), e);
            }
            depth[b.ordinal()] = v;
        }
        return c.withBuffers(depth[0], depth[1], depth[2], depth[3]);
    }

    private static DpuConfig parseBase(String t, String text) {
        for (Preset p : Preset.values()) {
            if (p.name().equalsIgnoreCase(t)) return p.config();
        }
        Matcher m = TRIPLE.matcher(t.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("unknown architecture '" + text + "': use a preset ("
                    + Preset.names() + ") or PPxICPxOCP, e.g. 3x5x7, optionally followed by " + PACK_SUFFIX
                    + ", " + DOUBLE_RATE_SUFFIX + ", " + TFLITE_SUFFIX + " and by " + BUFFERS_SEPARATOR + "act=N,wgt=N,out=N,bias=N (buffer depths)");
        }
        int[] v = new int[3];
        for (int i = 0; i < 3; i++) {
            try {
                v[i] = Integer.parseInt(m.group(i + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("architecture '" + text + "': " + m.group(i + 1) + " is too large");
            }
        }
        try {
            return of(v[0], v[1], v[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("architecture '" + text + "': " + e.getMessage(), e);
        }
    }

    /**
     * Same parallelism, other buffer depths (a BRAM budget; tests use small buffers to force tiling).
     * The name gets the depths that differ from the defaults, e.g. {@code 3x5x7:act=64,bias=16}.
     */
    public DpuConfig withBuffers(int actBankDepth, int weightBankDepth, int outputDepth, int biasDepth) {
        return new DpuConfig(name(baseName(), dspPacking, doubleRate, tflite, actBankDepth, weightBankDepth, outputDepth,
                biasDepth), pp, icp, ocp, actBankDepth, weightBankDepth, outputDepth, biasDepth, dspPacking, doubleRate,
                tflite);
    }

    /** The preset or {@code PPxICPxOCP} part of the name, without DSP options and buffer depths. */
    public String baseName() {
        int end = name.length();
        int plus = name.indexOf('+'), colon = name.indexOf(BUFFERS_SEPARATOR);
        if (plus >= 0) end = plus;
        if (colon >= 0) end = Math.min(end, colon);
        return name.substring(0, end);
    }

    /**
     * The name made safe for file and directory names: the buffer suffix's ':', '=' and ',' become
     * '_' (make, which builds Verilated models, cannot take a ':' in a path).
     */
    public String fileName() {
        return name.replaceAll("[^A-Za-z0-9+._-]", "_");
    }

    private static String name(String base, boolean packing, boolean doubleRate, boolean tflite,
                               int act, int wgt, int out, int bias) {
        StringBuilder sb = new StringBuilder(base);
        if (packing) sb.append(PACK_SUFFIX);
        if (doubleRate) sb.append(DOUBLE_RATE_SUFFIX);
        if (tflite) sb.append(TFLITE_SUFFIX);
        int[] depths = {act, wgt, out, bias};
        char sep = BUFFERS_SEPARATOR;
        for (Buffer b : Buffer.values()) {
            if (depths[b.ordinal()] != b.defaultDepth) {
                sb.append(sep).append(b.key).append('=').append(depths[b.ordinal()]);
                sep = ',';
            }
        }
        return sb.toString();
    }

    /**
     * The same configuration with or without DSP packing: pairs of neighbouring output channels
     * (columns 0+1, 2+3, ...; with an odd OCP the last column stays unpaired) share one DSP48E2 per
     * input lane and pixel, as in Xilinx WP486. Timing and results are unchanged.
     */
    public DpuConfig withDspPacking(boolean on) {
        return new DpuConfig(name(baseName(), on, doubleRate, tflite, actBankDepth, weightBankDepth, outputDepth, biasDepth),
                pp, icp, ocp, actBankDepth, weightBankDepth, outputDepth, biasDepth, on, doubleRate, tflite);
    }

    /**
     * The same configuration with or without double-rate multipliers: each multiplier (a DSP48E2,
     * packed or not) runs on a clock of twice the engine clock ({@code clk2x}, edge-aligned) and
     * does two multiplies per engine cycle, so a processing element needs half as many. Engine
     * cycles and results are unchanged.
     */
    public DpuConfig withDoubleRate(boolean on) {
        return new DpuConfig(name(baseName(), dspPacking, on, tflite, actBankDepth, weightBankDepth, outputDepth, biasDepth),
                pp, icp, ocp, actBankDepth, weightBankDepth, outputDepth, biasDepth, dspPacking, on, tflite);
    }

    /**
     * The same configuration with or without the TFLite requantiser: every post-processor also
     * computes TFLite's int8 {@code multiplier} mode (per-channel multiplier and shift, output zero
     * point), chosen per run by REQUANT_MODE. Shift-mode timing and results are unchanged.
     */
    public DpuConfig withTflite(boolean on) {
        return new DpuConfig(name(baseName(), dspPacking, doubleRate, on, actBankDepth, weightBankDepth, outputDepth,
                biasDepth), pp, icp, ocp, actBankDepth, weightBankDepth, outputDepth, biasDepth, dspPacking, doubleRate, on);
    }

    /**
     * DSP48E2 slices the processing elements use: one per multiplier, a multiplier doing two
     * multiplies with packing, twice as many per engine cycle at double rate (a lane left over when
     * ICP is odd still takes a multiplier).
     */
    public int peMultipliers() {
        int columns = dspPacking ? ocp / 2 + ocp % 2 : ocp;
        int lanes = doubleRate ? (icp + 1) / 2 : icp;
        return pp * columns * lanes;
    }

    /** Activation banks: PP rounded up to a power of two, so PP consecutive words hit PP distinct banks. */
    public int actBanks() {
        return Integer.highestOneBit(pp) == pp ? pp : Integer.highestOneBit(pp) << 1;
    }

    /** Multiply-accumulates per cycle at full utilisation. */
    public int macsPerCycle() {
        return pp * icp * ocp;
    }

    /** Peak operations per cycle as the DPU product guide counts them (1 MAC = 2 ops). */
    public int opsPerCycle() {
        return 2 * macsPerCycle();
    }

    /** Most int32 partial sums a column keeps between the input-channel slices of a layer. */
    public static final int MAX_PSUM_DEPTH = 1024;

    /**
     * Entries of each column's partial-sum bank: one int32 per pixel lane of every tile of a
     * sliced run (tails included), {@code min(outputDepth, 1024)} (one BRAM36 per column at most).
     */
    public int psumDepth() {
        return Math.min(outputDepth, MAX_PSUM_DEPTH);
    }

    /** Activation buffer capacity in words of ICP bytes. */
    public long actCapacityWords() {
        return (long) actBanks() * actBankDepth;
    }

    /** A one-line description for reports. */
    public String describe() {
        return String.format(Locale.ROOT, "%s (PP=%d ICP=%d OCP=%d, %d ops/cycle%s; buffers: act %dx%dx%dB, weights %dx%dx%dB, out %dx%dB, bias %dx%dx4B)",
                name, pp, icp, ocp, opsPerCycle(), dspDescription(), actBanks(),
                actBankDepth, icp, ocp, weightBankDepth, icp, outputDepth, ocp, biasDepth, ocp);
    }

    private String dspDescription() {
        if (!dspPacking && !doubleRate) return tflite ? ", TFLite requantiser" : "";
        return ", " + (dspPacking ? "two multiplies per DSP" : "") + (dspPacking && doubleRate ? " and " : "")
                + (doubleRate ? "multipliers on the 2x clock" : "") + (tflite ? ", TFLite requantiser" : "");
    }

    private static void requireRange(String what, int v, int lo, int hi) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException(what + " must be in " + lo + ".." + hi + ", got " + v);
        }
    }

    private static void requireDepth(String what, int v) {
        if (v < MIN_DEPTH || v > MAX_DEPTH || Integer.bitCount(v) != 1) {
            throw new IllegalArgumentException(what + " must be a power of two in " + MIN_DEPTH + ".."
                    + MAX_DEPTH + ", got " + v);
        }
    }
}
