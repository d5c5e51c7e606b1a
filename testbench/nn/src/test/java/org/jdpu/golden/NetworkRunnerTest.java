package org.jdpu.golden;

import org.jdpu.spec.AddSpec;
import org.jdpu.spec.NetworkFixture;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.SpecException;
import org.jdpu.spec.SpecParser;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Npy;
import org.jdpu.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A network run equals its layers run one by one, with each operand taken from the right place. */
class NetworkRunnerTest {
    @TempDir
    Path tmp;

    @Test
    void chainsLayersAndRoutesTheSecondAddInput() {
        NetworkFixture f = new NetworkFixture(tmp);
        NetworkSpec net = SpecParser.parseNetwork(f.network);
        Tensor conv = Golden.run(net.layers().get(0).spec(), f.input, f.convWeights, f.convBias);
        Tensor dw = Golden.run(net.layers().get(1).spec(), (Int8Tensor) conv, f.dwWeights, f.dwBias);
        Tensor sum = Golden.add((AddSpec) net.layers().get(2).spec(), (Int8Tensor) dw, (Int8Tensor) conv);
        Tensor expected = Golden.run(net.layers().get(3).spec(), (Int8Tensor) sum, null, null);
        Tensor actual = NetworkRunner.run(net, f.input);
        assertEquals(expected, actual);
        assertEquals("int8[1, 3, 3, 4]", actual.describe());
        long nonZero = java.util.stream.IntStream.range(0, actual.size()).filter(i -> actual.intAt(i) != 0).count();
        assertTrue(nonZero > actual.size() / 2, "the fixture should not saturate to zeros");
    }

    @Test
    void aTensorThatDoesNotFitItsLayerNamesNetworkEntryAndFile() {
        NetworkFixture f = new NetworkFixture(tmp);
        Npy.write(tmp.resolve("dw_w.npy"), Int8Tensor.zeros(1, 3, 3, 5));
        NetworkSpec net = SpecParser.parseNetwork(f.network);
        SpecException e = assertThrows(SpecException.class, () -> NetworkRunner.run(net, f.input));
        assertEquals(f.network, e.file());
        assertEquals("$[1]", e.field());
        assertTrue(e.problem().startsWith(tmp.resolve("dw_w.npy") + ": weights: shape [1, 3, 3, 5] does not match"), e.problem());
    }

    @Test
    void anUnreadableTensorNamesItsFile() throws Exception {
        NetworkFixture f = new NetworkFixture(tmp);
        java.nio.file.Files.write(tmp.resolve("conv_b.npy"), new byte[] {1, 2, 3});
        NetworkSpec net = SpecParser.parseNetwork(f.network);
        // Reported at the network entry that names the file, and the file itself.
        SpecException e = assertThrows(SpecException.class, () -> NetworkRunner.run(net, f.input));
        assertEquals(f.network, e.file());
        assertEquals("$[0].bias", e.field());
        assertTrue(e.problem().startsWith(tmp.resolve("conv_b.npy") + ": "), e.problem());
    }
}
