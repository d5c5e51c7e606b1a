package org.jdpu.flow.tb;

import java.util.List;

/**
 * Everything the self-checking Verilog testbench replays: the bus operations of one layer in the
 * driver's order and the golden model's output as the read-back words must show it.
 *
 * @param arch        configuration name
 * @param layer       one-line description of the layer (shape, kernel, quantisation, seed)
 * @param ops         bus operations in order
 * @param expected    one entry per word read back, in read order
 */
public record TestbenchVectors(String arch, String layer, List<BusOp> ops, List<ExpectedWord> expected) {

    public TestbenchVectors {
        ops = List.copyOf(ops);
        expected = List.copyOf(expected);
        long reads = ops.stream().mapToLong(o -> o instanceof BusOp.Read r ? r.words() : 0).sum();
        if (reads != expected.size()) {
            throw new IllegalArgumentException("the operations read " + reads + " words but " + expected.size() + " are expected");
        }
    }

    public long runs() {
        return ops.stream().filter(o -> o instanceof BusOp.Run).count();
    }

    /** Bytes the testbench compares. */
    public long comparedBytes() {
        long n = 0;
        for (ExpectedWord w : expected) for (boolean c : w.compare()) if (c) n++;
        return n;
    }
}
