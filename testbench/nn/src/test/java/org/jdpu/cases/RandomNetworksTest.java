package org.jdpu.cases;

import org.jdpu.golden.NetworkRunner;
import org.jdpu.spec.ConcatSpec;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.NetworkWriter;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The drawn graphs and the branch-concat example are networks the parser accepts (links, shapes,
 * one fix point for the concat's sources, every output marked), with the promised structure, and
 * the golden model gives the same outputs for them in memory and read back from files.
 */
class RandomNetworksTest {
    @TempDir
    Path tmp;

    /** Writes the network with its tensors, parses it back and runs both through the golden model. */
    private void assertValidAndSameWhenWritten(NetworkSpec spec, Int8Tensor input, List<Operands> operands, String context) {
        List<NetworkWriter.Entry> entries = new ArrayList<>();
        for (int i = 0; i < spec.layers().size(); i++) {
            NetworkSpec.Layer l = spec.layers().get(i);
            Operands o = operands.get(i);
            entries.add(new NetworkWriter.Entry(l.name(), l.spec(), o.weights(), o.bias(), l.inputs(), l.output()));
        }
        NetworkSpec parsed = NetworkWriter.write(tmp.resolve(context), entries);
        assertEquals(spec.outputs().size(), parsed.outputs().size(), context);
        Map<String, Tensor> fromFiles = NetworkRunner.runAll(parsed, input);
        Map<String, Tensor> inMemory = NetworkRunner.runAll(spec, input, i -> operands.get(i).weights(),
                i -> operands.get(i).bias());
        assertEquals(inMemory.keySet(), fromFiles.keySet(), context);
        for (String name : inMemory.keySet()) {
            assertArrayEquals(((Int8Tensor) inMemory.get(name)).data(), ((Int8Tensor) fromFiles.get(name)).data(),
                    context + ": layer " + name);
        }
    }

    @Test
    void drawnGraphsAreValidNetworks() {
        long base = Long.getLong("jdpu.seed", System.nanoTime() % 100000);
        System.out.println("RandomNetworksTest.drawnGraphsAreValidNetworks seed " + base);
        for (int t = 0; t < 12; t++) {
            long seed = base + t;
            int group = new int[] {1, 8, 16, 35}[t % 4];
            RandomNetworks r = RandomNetworks.drawGraph(seed, group);
            String context = "graph-seed" + seed;
            NetworkSpec s = r.spec();
            NetworkSpec.Layer cat = s.layer("cat");
            assertTrue(cat.spec() instanceof ConcatSpec, context);
            assertEquals(List.of("a", "b"), cat.inputs(), context);
            assertEquals(0, s.layer("a").spec().output().c() % group, context + ": branch a has whole groups");
            assertEquals(List.of("stem"), s.layer("b").inputs(), context);
            assertEquals(2, s.outputs().size(), context + ": two outputs");
            assertTrue(!s.isChain(), context);
            assertValidAndSameWhenWritten(s, r.input(), r.operands(), context);
        }
    }

    @Test
    void branchConcatExampleIsAValidNetwork() {
        BranchConcatNet g = BranchConcatNet.of(16, 3);
        assertEquals(61, g.spec().layer("cat").spec().output().c());
        assertEquals(List.of("side", "head"), g.spec().outputs().stream().map(NetworkSpec.Layer::name).toList());
        assertValidAndSameWhenWritten(g.spec(), g.input(), g.operands(), "branch-concat");
    }
}
