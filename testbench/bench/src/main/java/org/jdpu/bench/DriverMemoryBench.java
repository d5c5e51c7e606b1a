package org.jdpu.bench;

import org.jdpu.arch.Preset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The driver's memory on a large first layer, 2048x2048x3 -> 32, 5x5 on B512: the layer is
 * compiled and run on the RTL in a child JVM whose heap is capped at the budget,
 * {@code 2 x (input + weights + output bytes) + 256 MB}. A run that needs more fails with
 * OutOfMemoryError and so fails the benchmark; one that fits reports its peak heap (the heap
 * pools' peak usage), the peak against the budget, the resident set and the time.
 */
public final class DriverMemoryBench implements Benchmark {
    static final long MB = 1 << 20;
    /** The fixed part of the budget: the JVM, the model's native buffers excluded, and small tables. */
    static final long SLACK_BYTES = 256 * MB;

    private final int size;

    public DriverMemoryBench() {
        this(Integer.getInteger("jdpu.bench.driver.size", 2048));
    }

    DriverMemoryBench(int size) {
        this.size = size;
    }

    @Override
    public String name() {
        return "driver";
    }

    /** The heap budget of a layer with these tensor sizes. */
    static long budget(long inputBytes, long weightBytes, long outputBytes) {
        return 2 * (inputBytes + weightBytes + outputBytes) + SLACK_BYTES;
    }

    @Override
    public void run(BenchReport report) throws IOException, InterruptedException {
        int ic = 3, oc = 32, k = 5;
        String arch = Preset.B512.name();
        String layer = size + "x" + size + "x" + ic + "_" + oc + "_" + k + "x" + k;
        long input = (long) size * size * ic, weights = (long) oc * k * k * ic, output = (long) size * size * oc;
        long limit = budget(input, weights, output);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + limit / MB + "m", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                DriverMemoryProbe.class.getName(), arch, Integer.toString(size), Integer.toString(ic),
                Integer.toString(oc), Integer.toString(k), "1"));
        report.note("driver memory: " + arch + ", " + size + "x" + size + "x" + ic + " -> " + oc + ", " + k + "x" + k
                + " in a child JVM with -Xmx" + limit / MB + "m (2 x (input + weights + output) + 256 MB)");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        Map<String, Long> figures = new HashMap<>();
        List<String> other = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                String[] f = line.split(" ");
                if (f.length == 3 && f[0].equals("PROBE")) {
                    figures.put(f[1], Long.parseLong(f[2]));
                } else if (line.startsWith("HISTO ")) {
                    report.note("heap halfway: " + line.substring(6));
                } else {
                    other.add(line);
                }
            }
        }
        int exit = p.waitFor();
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (exit != 0 || !figures.containsKey("peak_heap_bytes")) {
            throw new IllegalStateException("the driver did not run " + layer + " within -Xmx" + limit / MB + "m (exit "
                    + exit + "): " + String.join(" | ", other.subList(Math.max(0, other.size() - 5), other.size())));
        }
        if (figures.get("total_cycles").longValue() != figures.get("predicted_total_cycles")) {
            throw new IllegalStateException("total cycles " + figures.get("total_cycles") + ", the cycle model predicts "
                    + figures.get("predicted_total_cycles"));
        }
        long peak = figures.get("peak_heap_bytes");
        report.figure("driver.peak_heap_mb." + layer, peak / (double) MB, "MB");
        report.figure("driver.heap_limit_mb." + layer, limit / (double) MB, "MB");
        report.figure("driver.peak_heap_vs_limit." + layer, (double) peak / limit, "ratio");
        report.figure("driver.peak_heap_vs_tensors." + layer, (double) peak / (input + weights + output), "ratio");
        report.figure("driver.peak_rss_mb." + layer, figures.get("peak_rss_bytes") / (double) MB, "MB");
        report.figure("driver.compile_seconds." + layer, figures.get("compile_ms") / 1e3, "s");
        report.figure("driver.run_seconds." + layer, figures.get("run_ms") / 1e3, "s");
        report.figure("driver.wall_seconds." + layer, seconds, "s");
        report.figure("driver.total_cycles." + layer, figures.get("total_cycles"), "cycles");
        if (peak > limit) {
            throw new IllegalStateException("peak heap " + peak / MB + " MB exceeds the budget of " + limit / MB + " MB");
        }
    }
}
