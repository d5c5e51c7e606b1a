package org.jdpu.spec;

import java.util.List;

/**
 * Concatenation of two or more int8 feature maps along the channel axis, in the order given. The
 * sources share height, width and encoding (fix point or zero point), so nothing is rescaled: the
 * output channels {@code [c0, c0+c1)} are source 1's, and so on. Engines do it by placement, each
 * producer writing straight into its slice.
 */
public record ConcatSpec(List<FeatureShape> inputs) implements LayerSpec {
    public ConcatSpec {
        inputs = List.copyOf(inputs);
    }

    public String op() {
        return "concat";
    }

    /** The first source's shape (every source has its height and width). */
    public FeatureShape input() {
        return inputs.getFirst();
    }

    public int outputChannels() {
        return inputs.stream().mapToInt(FeatureShape::c).sum();
    }

    public int outputHeight() {
        return input().h();
    }

    public int outputWidth() {
        return input().w();
    }

    public Activation activation() {
        return Activation.NONE;
    }

    /** The first output channel of source {@code k}. */
    public int channelOffset(int k) {
        int offset = 0;
        for (int i = 0; i < k; i++) offset += inputs.get(i).c();
        return offset;
    }
}
