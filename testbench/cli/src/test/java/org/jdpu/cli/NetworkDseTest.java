package org.jdpu.cli;

import org.jdpu.tensor.Npy;
import org.jdpu.tensor.Int8Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code dpu dse --network}: every candidate evaluated or refused with its reason, a device filter, and a report a browser renders. */
class NetworkDseTest {
    @TempDir
    Path tmp;

    private static String conv(int hw, int c, int oc, int k) {
        return """
                {"op": "conv2d", "input": {"h": %d, "w": %d, "c": %d}, "output_channels": %d,
                 "kernel": [%d, %d], "stride": [1, 1], "dilation": [1, 1], "padding": [%d, %d, %d, %d],
                 "quant": {"mode": "shift", "fp_input": 4, "fp_weights": 7, "fp_bias": 6, "fp_output": 4},
                 "activation": {"type": "relu"}}""".formatted(hw, hw, c, oc, k, k, k / 2, k / 2, k / 2, k / 2);
    }

    /** Two 3x3 convolutions, 16x16x3 -> 16 -> 16, with zero weights (cycles do not depend on values). */
    private Path network() throws IOException {
        Npy.write(tmp.resolve("w1.npy"), Int8Tensor.zeros(new int[]{16, 3, 3, 3}));
        Npy.write(tmp.resolve("w2.npy"), Int8Tensor.zeros(new int[]{16, 3, 3, 16}));
        Path n = tmp.resolve("net.json");
        Files.writeString(n, "[{\"name\": \"c1\", \"layer\": " + conv(16, 3, 16, 3) + ", \"weights\": \"w1.npy\"},\n"
                + " {\"name\": \"c2\", \"layer\": " + conv(16, 16, 16, 3) + ", \"weights\": \"w2.npy\"}]");
        return n;
    }

    @Test
    void everyCandidateIsEvaluatedOrRefusedWithItsReasonAndTheReportRenders() throws Exception {
        Path report = tmp.resolve("report");
        // Weight banks of 64 words: c2's 3x3x16 kernel needs 72 words at ICP 2, so it runs in two input-channel
        // slices with partial sums there (it was refused before the engine kept partial sums), 36 at ICP 4.
        CliCapture.Result r = CliCapture.run(new DseCommand(), "--network", network().toString(), "--pp", "1,2",
                "--icp", "2,4", "--ocp", "2,4", "--wgt-depth", "64", "--dsp", "none,pack", "--device", "zu3eg",
                "--report", report.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("16 configurations"), r.out());
        assertFalse(r.out().contains("refused: "), r.out());
        assertTrue(r.out().contains("chosen: "), r.out());

        List<String> csv = Files.readAllLines(report.resolve("dse.csv"));
        assertEquals(17, csv.size(), String.join("\n", csv));
        long refused = csv.stream().filter(l -> l.contains(",refused,")).count();
        assertEquals(0, refused);
        for (String l : csv.subList(1, csv.size())) {
            String[] f = l.split(",");
            assertFalse(f[12].equals("refused"), l);
        }
        for (String f : List.of("dse.json", "report.html", "pareto-dsp.png", "pareto-dsp.svg", "pareto-lut.png", "pareto-bram36.png",
                "layers.png", "roofline.png", "roofline.svg")) {
            assertTrue(Files.size(report.resolve(f)) > 100, f);
        }
        BufferedImage plot = ImageIO.read(report.resolve("pareto-dsp.png").toFile());
        assertNotNull(plot);
        assertTrue(colours(plot) > 5, "the Pareto plot is blank");

        renderInChromium(report.resolve("report.html"));
    }

    @Test
    void aNetworkWithAPoolWritesItsReportWithARoofline() throws Exception {
        Npy.write(tmp.resolve("w1.npy"), Int8Tensor.zeros(new int[]{16, 3, 3, 3}));
        Npy.write(tmp.resolve("w2.npy"), Int8Tensor.zeros(new int[]{16, 3, 3, 16}));
        Path n = tmp.resolve("pooled.json");
        Files.writeString(n, "[{\"name\": \"c1\", \"layer\": " + conv(16, 3, 16, 3) + ", \"weights\": \"w1.npy\"},\n"
                + " {\"name\": \"p1\", \"layer\": {\"op\": \"maxpool\", \"input\": {\"h\": 16, \"w\": 16, \"c\": 16},"
                + " \"kernel\": [2, 2], \"stride\": [2, 2], \"padding\": [0, 0, 0, 0], \"activation\": {\"type\": \"none\"}}},\n"
                + " {\"name\": \"c2\", \"layer\": " + conv(8, 16, 16, 3) + ", \"weights\": \"w2.npy\"}]");
        Path report = tmp.resolve("pooled-report");
        CliCapture.Result r = CliCapture.run(new DseCommand(), "--network", n.toString(), "--pp", "2", "--icp", "4",
                "--ocp", "4", "--dsp", "none", "--report", report.toString());
        assertEquals(0, r.exit(), r.err());
        // the pool (no MACs, intensity 0) is left off the logarithmic roofline instead of failing the plot
        assertTrue(Files.size(report.resolve("roofline.png")) > 100);
        assertTrue(Files.size(report.resolve("roofline.svg")) > 100);
    }

    @Test
    void shardsMergeIntoTheWholeExplorationAndAnIncompleteOrOverlappingSetIsRefused() throws IOException {
        String net = network().toString();
        // Every candidate timed exactly: which ones a screen sends to the exact model depends on the fronts
        // of the candidates it sees, so a shard's choice may differ from the whole run's.
        String[] space = {"--network", net, "--pp", "1,2", "--icp", "2,4", "--ocp", "2,4", "--wgt-depth", "64", "--screen-margin", "-1"};
        String whole = run(space, "--report", tmp.resolve("whole").toString());
        run(space, "--shard", "1/2", "--report", tmp.resolve("s1").toString());
        run(space, "--shard", "2/2", "--report", tmp.resolve("s2").toString());
        String s1 = tmp.resolve("s1/dse.csv").toString(), s2 = tmp.resolve("s2/dse.csv").toString();
        String merged = run(space, "--merge", s1, s2, "--report", tmp.resolve("merged").toString());
        assertEquals(table(whole), table(merged));
        assertEquals(Files.readAllLines(tmp.resolve("whole/dse.csv")).size(), Files.readAllLines(tmp.resolve("merged/dse.csv")).size());

        CliCapture.Result missing = CliCapture.run(new DseCommand(), concat(space, "--merge", s1));
        assertNotEquals(0, missing.exit());
        assertTrue(missing.err().contains("are in no shard"), missing.err());
        CliCapture.Result twice = CliCapture.run(new DseCommand(), concat(space, "--merge", s1, s1, s2));
        assertNotEquals(0, twice.exit());
        assertTrue(twice.err().contains("the shards overlap"), twice.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String run(String[] space, String... more) {
        CliCapture.Result r = CliCapture.run(new DseCommand(), concat(space, more));
        assertEquals(0, r.exit(), r.err());
        return r.out();
    }

    /** The ranking table's rows (the configuration and its frames/s and cycles). */
    private static List<String> table(String out) {
        assertTrue(out.lines().anyMatch(l -> l.startsWith("configuration ")), out);
        return out.lines().filter(l -> !l.isEmpty() && Character.isDigit(l.charAt(0)) && l.contains(" axi128 ")).map(l -> String.join(" ", java.util.Arrays.asList(l.trim().split("\\s+")).subList(0, 5)))
                .toList();
    }

    @Test
    void anUnknownDeviceIsOneMessage() throws IOException {
        CliCapture.Result r = CliCapture.run(new DseCommand(), "--network", network().toString(), "--device", "zu99");
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("unknown device 'zu99'") && r.err().contains("zu7ev"), r.err());
        assertTrue(!r.err().contains("Exception"), r.err());
    }

    @Test
    void aReportDirectoryHoldingSomethingElseIsRefusedBeforeTheRun() throws IOException {
        Path other = Files.createDirectories(tmp.resolve("other"));
        Files.writeString(other.resolve("notes.txt"), "mine");
        CliCapture.Result r = CliCapture.run(new DseCommand(), "--network", network().toString(), "--report", other.toString());
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("refusing to replace") && r.err().contains("report.html"), r.err());
        assertEquals(List.of("notes.txt"), Files.list(other).map(p -> p.getFileName().toString()).toList());
    }

    /** Headless Chromium: the page's five plots decode, and its screenshot is not blank. */
    private void renderInChromium(Path html) throws Exception {
        String chromium = Files.isExecutable(Path.of("/usr/bin/chromium")) ? "/usr/bin/chromium" : "chromium";
        Path profile = Files.createTempDirectory(tmp, "chromium-profile");
        Path shot = tmp.resolve("shot.png");
        List<String> common = List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1000,1400", "--virtual-time-budget=5000");
        List<String> dom = new ArrayList<>(common);
        dom.add("--dump-dom");
        dom.add(html.toUri().toString());
        String page = run(dom);
        assertTrue(page.contains("data-plots-loaded=\"5\""), "the five plots did not all load: "
                + page.substring(0, Math.min(300, page.length())));
        List<String> screenshot = new ArrayList<>(common);
        screenshot.add("--screenshot=" + shot);
        screenshot.add(html.toUri().toString());
        run(screenshot);
        BufferedImage img = ImageIO.read(shot.toFile());
        assertNotNull(img, "no screenshot");
        assertTrue(colours(img) > 20, "the screenshot is blank");
    }

    private static String run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish");
        assertEquals(0, p.exitValue(), "chromium failed: " + cmd);
        return new String(out);
    }

    private static int colours(BufferedImage img) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) seen.add(img.getRGB(x, y));
        }
        return seen.size();
    }
}
