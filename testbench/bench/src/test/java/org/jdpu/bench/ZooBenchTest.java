package org.jdpu.bench;

import org.jdpu.arch.Preset;
import org.jdpu.cases.ModelZoo;
import org.jdpu.spec.LayerMacs;
import org.jdpu.spec.NetworkWriter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The zoo benchmark on CustomNet at 64x64 on B512: it maps whole (pools and dense layers included) and its figures agree. */
class ZooBenchTest {
    @Test
    void customNetMapsWholeAndItsFiguresAgree() {
        ModelZoo.Network n = ModelZoo.CUSTOMNET.build(64, 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ZooBench.measure(new BenchReport(new PrintStream(bytes, true, StandardCharsets.UTF_8)), n, Preset.B512.config(), true);
        String out = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(out);
        long all = 0;
        for (NetworkWriter.Entry e : n.entries()) all += LayerMacs.of(e.spec());
        double cycles = figure(out, "net.cycles.customnet_zoo.B512");
        double utilization = figure(out, "net.utilization.customnet_zoo.B512");
        assertEquals(1.0, figure(out, "net.mapped_macs.customnet_zoo.B512"), 1e-9);
        assertTrue(utilization > 0 && utilization <= 1, out);
        assertEquals(all, utilization * cycles * Preset.B512.config().macsPerCycle(), all * 1e-3);
        assertEquals(300e6 / cycles, figure(out, "net.fps.customnet_zoo.B512"), 300e6 / cycles * 1e-3);
        assertTrue(out.contains("customnet_zoo.B512: the whole network maps, one program"), out);
        assertFalse(out.contains("refused"), out);
    }

    private static double figure(String out, String name) {
        Matcher m = Pattern.compile("BENCH " + Pattern.quote(name) + " (\\S+) ").matcher(out);
        assertTrue(m.find(), name + " missing in\n" + out);
        return Double.parseDouble(m.group(1));
    }
}
