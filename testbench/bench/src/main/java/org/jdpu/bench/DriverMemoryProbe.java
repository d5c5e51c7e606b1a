package org.jdpu.bench;

import org.jdpu.arch.DpuConfig;
import org.jdpu.cases.LayerCase;
import org.jdpu.compiler.Compiler;
import org.jdpu.compiler.Program;
import org.jdpu.cosim.EngineModels;
import org.jdpu.runtime.Driver;
import org.jdpu.runtime.DriverResult;
import org.jdpu.runtime.EngineSession;
import org.jdpu.spec.Activation;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.Padding;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The child JVM of {@link DriverMemoryBench}: compiles and runs one square layer
 * (N x N x IC -> OC, K x K, same padding) on the RTL under the heap limit the parent gave it, and
 * prints {@code PROBE <key> <value>} lines: peak heap (the heap pools' peak usage, summed), the
 * resident set's high-water mark, times and cycles. Halfway through the run it prints the largest
 * classes on the heap as {@code HISTO} lines, which shows what the remaining memory is.
 */
public final class DriverMemoryProbe {
    private DriverMemoryProbe() {}

    /** Arguments: architecture, N, IC, OC, K, seed. */
    public static void main(String[] args) throws Exception {
        DpuConfig c = DpuConfig.parse(args[0]);
        int n = Integer.parseInt(args[1]), ic = Integer.parseInt(args[2]), oc = Integer.parseInt(args[3]);
        int k = Integer.parseInt(args[4]);
        long seed = Long.parseLong(args[5]);
        Conv2dSpec spec = LayerCase.conv(n, n, ic, oc, k, k, 1, 1, 1, 1, new Padding(k / 2, k / 2, k / 2, k / 2),
                LayerCase.realisticQuant(k, k, ic), Activation.RELU);
        LayerCase layer = LayerCase.draw("memory probe", seed, spec, LayerCase.Weights.REALISTIC);
        try (EngineSession session = EngineModels.open(c)) {
            resetPeaks();
            long t0 = System.nanoTime();
            Program program = Compiler.compile(c, spec, layer.operands().input(), layer.operands().weights(),
                    layer.operands().bias());
            long t1 = System.nanoTime();
            boolean[] histogram = {false};
            DriverResult r = Driver.run(program, session, (what, done, total) -> {
                if (!histogram[0] && done * 2 >= total) {
                    histogram[0] = true;
                    histogram();
                }
            });
            long t2 = System.nanoTime();
            print("peak_heap_bytes", peakHeap());
            print("peak_rss_bytes", peakRss());
            print("compile_ms", (t1 - t0) / 1_000_000);
            print("run_ms", (t2 - t1) / 1_000_000);
            print("runs", program.runs().size());
            print("compute_cycles", r.computeCycles());
            print("total_cycles", r.totalCycles());
            print("predicted_total_cycles", r.predictedTotalCycles());
            print("output_bytes", r.output().data().length);
        }
    }

    private static void print(String key, long value) {
        System.out.println("PROBE " + key + " " + value);
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) p.resetPeakUsage();
        }
    }

    /** The heap pools' peak usage, summed: at least the peak of the heap as a whole. */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) sum += p.getPeakUsage().getUsed();
        }
        return sum;
    }

    /** VmHWM of this process in bytes, or -1 where /proc is not there. */
    private static long peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: no figure
        }
        return -1;
    }

    /** The live heap by class (what {@code jcmd <pid> GC.class_histogram} prints), top entries. */
    private static void histogram() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            String text = (String) server.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "gcClassHistogram", new Object[] {null}, new String[] {String[].class.getName()});
            text.lines().limit(10).forEach(l -> System.out.println("HISTO " + l));
        } catch (Exception e) {
            System.out.println("HISTO unavailable: " + e.getMessage());
        }
    }
}
