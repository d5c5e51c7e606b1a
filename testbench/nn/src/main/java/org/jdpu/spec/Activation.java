package org.jdpu.spec;

/**
 * The activation fused into a layer. Where each kind is allowed and exactly how it is applied
 * depends on the requantisation mode (see the golden model's documentation in testbench/README.md).
 */
public sealed interface Activation {
    /** The JSON {@code type} name. */
    String type();

    /** Identity. */
    record None() implements Activation {
        public String type() { return "none"; }
    }

    /** {@code max(v, 0)}. */
    record Relu() implements Activation {
        public String type() { return "relu"; }
    }

    /** {@code min(max(v, 0), 6)} in real units; {@code shift} mode only. */
    record Relu6() implements Activation {
        public String type() { return "relu6"; }
    }

    /** {@code v < 0 ? v * 26/256 : v}; {@code shift} mode only. */
    record LeakyRelu() implements Activation {
        public String type() { return "leaky_relu"; }
    }

    /** Clamp of the int8 output to {@code [min, max]}. */
    record Clamp(int min, int max) implements Activation {
        public String type() { return "clamp"; }
    }

    Activation NONE = new None();
    Activation RELU = new Relu();
    Activation RELU6 = new Relu6();
    Activation LEAKY_RELU = new LeakyRelu();
}
