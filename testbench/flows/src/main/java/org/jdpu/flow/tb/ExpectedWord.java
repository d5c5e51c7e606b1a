package org.jdpu.flow.tb;

/**
 * What one output-buffer read must return: a byte per output-channel lane, and which lanes hold
 * real output channels (lanes past the layer's last channel are not compared).
 */
public record ExpectedWord(byte[] lanes, boolean[] compare) {

    public ExpectedWord {
        if (lanes.length != compare.length) throw new IllegalArgumentException("one compare flag per lane");
        lanes = lanes.clone();
        compare = compare.clone();
    }

    public int width() {
        return lanes.length;
    }
}
