package org.jdpu.cli;

import org.jdpu.cases.CustomNetConvs;
import org.jdpu.cli.CliCapture.Result;
import org.jdpu.compiler.net.LayerTensors;
import org.jdpu.cosim.net.NetCosim;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code dpu demo-convs}: its options are checked before anything is compiled, allocated or simulated, and
 * a small run goes through the network engine, writes each layer's output and reports its figures.
 */
class ConvDemoCommandTest {
    @TempDir
    Path tmp;

    private static void assertRefused(String size) {
        Result r = CliCapture.run(new ConvDemoCommand(), "--size", size);
        assertEquals(CliRunner.EXIT_USER_ERROR, r.exit(), r.err());
        assertEquals("demo-convs: --size must be a multiple of 16 in 16..1024, got " + size + System.lineSeparator(), r.err());
        assertEquals("", r.out());
    }

    @Test
    void sizesBeyondTheLimitAreRefusedUpFront() {
        assertRefused("4097");   // ran out of heap
        assertRefused("100000"); // overflowed an array size
        assertRefused("1040");
        assertRefused("15");
        assertRefused("100");    // the stride-4 layers would not divide it
    }

    @Test
    void anUnknownConfigurationIsRefusedBeforeTheRun() {
        Result r = CliCapture.run(new ConvDemoCommand(), "--arch", "B9999");
        assertEquals(CliRunner.EXIT_USER_ERROR, r.exit(), r.err());
        assertEquals("", r.out());
    }

    @Test
    void aSmallDemoRunsTheChainOnTheNetworkEngineAndWritesEveryLayer() {
        Path out = tmp.resolve("layers");
        Result r = CliCapture.run(new ConvDemoCommand(), "--size", "32", "--seed", "5", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        CustomNetConvs net = CustomNetConvs.of(32, 5);
        List<Int8Tensor> golden = NetCosim.golden(net.spec(), net.input(), LayerTensors.of(net.operands()));
        for (int i = 0; i < golden.size(); i++) {
            String name = net.spec().layers().get(i).name();
            Int8Tensor got = Npy.readInt8(out.resolve(name + ".npy"));
            assertArrayEquals(golden.get(i).shape(), got.shape(), name);
            assertArrayEquals(golden.get(i).data(), got.data(), name);
            assertTrue(Pattern.compile("(?m)^ +" + name + " .* bit-exact$").matcher(r.out()).find(), r.out());
            assertTrue(Pattern.compile("(?m)^ +" + name + " .* modelled$").matcher(r.out()).find(), r.out());
        }
        Matcher m = Pattern.compile("(?m)^RESULT arch=B512 layers=3 cycles=(\\d+) predicted=(\\d+) .* mismatches=0 "
                + "fault=none protocol=clean$").matcher(r.out());
        assertTrue(m.find(), r.out());
        assertEquals(m.group(2), m.group(1), "the RTL's cycles against the cycle model's");
        long cycles = Long.parseLong(m.group(1));
        String fps = String.format(Locale.ROOT, "%,.0f frames/s at 300 MHz", 300e6 / cycles);
        assertTrue(r.out().contains(String.format(Locale.ROOT, "B512 on the RTL: %,d cycles", cycles)), r.out());
        assertTrue(r.out().contains(fps), r.out());
        assertTrue(r.out().contains("B4096 by the model: "), r.out());
    }
}
