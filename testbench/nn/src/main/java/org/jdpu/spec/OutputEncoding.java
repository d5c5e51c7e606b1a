package org.jdpu.spec;

/**
 * How the int8 values between two layers of a network encode real numbers: a {@code shift}-mode
 * fix point or a {@code multiplier}-mode zero point. The network parser uses it to reject a layer
 * that reads its input with a different fix point or zero point than the previous layer wrote it.
 */
sealed interface OutputEncoding {
    record FixPoint(int fp) implements OutputEncoding {
        public String toString() {
            return "fix point " + fp + " (shift mode)";
        }
    }

    record ZeroPoint(int zp) implements OutputEncoding {
        public String toString() {
            return "zero point " + zp + " (multiplier mode)";
        }
    }

    /** The network input, or a layer whose encoding says nothing (pools pass theirs through). */
    record Unknown() implements OutputEncoding {}

    /** What {@code spec} expects of its (first) input. */
    static OutputEncoding expectedInput(LayerSpec spec) {
        return switch (spec) {
            case ConvolutionSpec c -> switch (c.quant()) {
                case Quant.ShiftQuant s -> new FixPoint(s.fpInput());
                case Quant.MultiplierQuant m -> new ZeroPoint(m.inputZeroPoint());
                case Quant.NoQuant n -> new Unknown();
            };
            case AddSpec a -> switch (a.quant()) {
                case AddSpec.AddQuant s -> new FixPoint(s.fpInput());
                case AddSpec.TfliteAddQuant t -> new ZeroPoint(t.inputZeroPoint());
            };
            case PoolSpec p -> expectedInput(p.quant());
            case GlobalAvgPoolSpec g -> expectedInput(g.quant());
            case UpsampleSpec u -> new Unknown();
            case SoftmaxSpec s -> new Unknown(); // the row maximum is subtracted: any zero point
            case ConcatSpec c -> new Unknown();
        };
    }

    /** What {@code spec} writes, given what it read. */
    static OutputEncoding output(LayerSpec spec, OutputEncoding input) {
        return switch (spec) {
            case ConvolutionSpec c -> switch (c.quant()) {
                case Quant.ShiftQuant s -> new FixPoint(s.fpOutput());
                case Quant.MultiplierQuant m -> new ZeroPoint(m.outputZeroPoint());
                case Quant.NoQuant n -> new Unknown();
            };
            case AddSpec a -> switch (a.quant()) {
                case AddSpec.AddQuant s -> new FixPoint(s.fpOutput());
                case AddSpec.TfliteAddQuant t -> new ZeroPoint(t.outputZeroPoint());
            };
            case PoolSpec p -> output(p.quant(), input);
            case GlobalAvgPoolSpec g -> output(g.quant(), input);
            case UpsampleSpec u -> input;
            case SoftmaxSpec s -> new ZeroPoint(SoftmaxSpec.OUTPUT_ZERO_POINT);
            case ConcatSpec c -> input;
        };
    }

    /** A shift pool passes any encoding through; a TFLite pool reads and writes its zero point. */
    private static OutputEncoding expectedInput(PoolQuant q) {
        return switch (q) {
            case PoolQuant.ShiftPool s -> new Unknown();
            case PoolQuant.TflitePool t -> new ZeroPoint(t.zeroPoint());
            case PoolQuant.TfliteMean m -> new ZeroPoint(m.inputZeroPoint());
        };
    }

    private static OutputEncoding output(PoolQuant q, OutputEncoding input) {
        return switch (q) {
            case PoolQuant.ShiftPool s -> input;
            case PoolQuant.TflitePool t -> new ZeroPoint(t.zeroPoint());
            case PoolQuant.TfliteMean m -> new ZeroPoint(m.outputZeroPoint());
        };
    }

    /** The JSON path (below the layer) of the field that states the expectation. */
    static String field(LayerSpec spec) {
        return switch (spec) {
            case ConvolutionSpec c -> c.quant() instanceof Quant.MultiplierQuant ? ".quant.input_zero_point" : ".quant.fp_input";
            case PoolSpec p -> poolField(p.quant());
            case AddSpec a -> a.quant() instanceof AddSpec.TfliteAddQuant ? ".quant.input_zero_point" : ".quant.fp_input";
            case GlobalAvgPoolSpec g -> poolField(g.quant());
            default -> ".quant.fp_input";
        };
    }

    /** What an add expects of its input B. */
    static OutputEncoding expectedInputB(AddSpec add) {
        return switch (add.quant()) {
            case AddSpec.AddQuant s -> new FixPoint(s.fpInputB());
            case AddSpec.TfliteAddQuant t -> new ZeroPoint(t.inputBZeroPoint());
        };
    }

    /** The JSON path (below the layer) of the field that states what input B must be. */
    static String fieldB(AddSpec add) {
        return add.quant() instanceof AddSpec.TfliteAddQuant ? ".quant.input_b_zero_point" : ".quant.fp_input_b";
    }

    private static String poolField(PoolQuant q) {
        return q instanceof PoolQuant.TfliteMean ? ".quant.input_zero_point" : ".quant.zero_point";
    }

    /** Null when {@code written} may be read as {@code expected}, else the reason it may not. */
    static String mismatch(OutputEncoding written, OutputEncoding expected) {
        if (written instanceof Unknown || expected instanceof Unknown || written.equals(expected)) return null;
        return "reads its input as " + expected + " but it was written as " + written;
    }
}
