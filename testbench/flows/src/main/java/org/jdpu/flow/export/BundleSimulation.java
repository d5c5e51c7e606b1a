package org.jdpu.flow.export;

import org.jdpu.flow.ExternalTool;
import org.jdpu.flow.FlowException;
import org.jdpu.flow.ToolRun;
import org.jdpu.flow.tb.NetTestbench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds and runs an export bundle's self-checking testbench in Icarus Verilog or Verilator, the
 * same way the bundle's {@code tb/run_*.sh} scripts do, and reads its verdict.
 */
public final class BundleSimulation {
    private BundleSimulation() {}

    /** The simulators the testbench runs in. */
    public enum Simulator { ICARUS, VERILATOR }

    /**
     * The verdict.
     *
     * @param passed     the testbench printed PASS and exited with status 0
     * @param verdict    its PASS/FAIL line (or the tool's last lines when it printed none)
     * @param mismatches output bytes that differed (-1 when it did not get that far)
     * @param output     everything the simulation printed
     */
    public record Result(Simulator simulator, boolean passed, String verdict, long mismatches, Duration elapsed, String output) {}

    private static final Duration BUILD = Duration.ofMinutes(30), RUN = Duration.ofHours(2);
    private static final Pattern FAIL = Pattern.compile("FAIL: .*?(\\d+) mismatches");

    public static Result run(Path bundle, Simulator sim) {
        Path tb = bundle.resolve(ExportBundle.TB_DIR);
        if (!Files.isRegularFile(tb.resolve(NetTestbench.FILE))) {
            throw new FlowException(bundle + " is not a jdpu export bundle (no " + ExportBundle.TB_DIR + "/" + NetTestbench.FILE + ")");
        }
        String top = NetTestbench.MODULE;
        long t0 = System.nanoTime();
        ToolRun build, run;
        if (sim == Simulator.ICARUS) {
            build = ExternalTool.IVERILOG.run(tb, tb.resolve("iverilog.log"), BUILD, TestbenchScripts.IVERILOG_ARGS);
            if (!build.ok()) throw new FlowException("iverilog could not build the testbench in " + tb + ":\n" + build.tail(15));
            run = ExternalTool.VVP.run(tb, tb.resolve("sim.log"), RUN, TestbenchScripts.VVP_ARGS);
        } else {
            build = ExternalTool.VERILATOR.run(tb, tb.resolve("verilator.log"), BUILD, TestbenchScripts.VERILATOR_ARGS);
            if (!build.ok()) throw new FlowException("verilator could not build the testbench in " + tb + ":\n" + build.tail(15));
            run = ExternalTool.runBuilt(tb.resolve(TestbenchScripts.VERILATED), tb, tb.resolve("sim.log"), RUN);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
        Optional<String> verdict = run.output().lines().filter(l -> l.startsWith(top + ": PASS") || l.startsWith(top + ": FAIL")).findFirst();
        boolean passed = run.ok() && verdict.map(l -> l.startsWith(top + ": PASS")).orElse(false);
        long mismatches = -1;
        if (verdict.isPresent()) {
            Matcher m = FAIL.matcher(verdict.get());
            mismatches = passed ? 0 : m.find() ? Long.parseLong(m.group(1)) : -1;
        }
        return new Result(sim, passed, verdict.orElse(run.tail(8)), mismatches, elapsed, run.output());
    }
}
