package org.jdpu.flow.synth;

import org.jdpu.flow.DesignSources;
import org.jdpu.flow.ExternalTool;
import org.jdpu.flow.FlowException;
import org.jdpu.io.OutputDirectory;
import org.jdpu.flow.ToolRun;
import org.jdpu.io.IoErrors;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Synthesizes a design with Yosys for UltraScale+ and turns Yosys' statistics and netlist into a
 * {@link SynthReport}. Everything the run produces goes to one report directory ({@code synth.ys},
 * {@code yosys.log}, the per-stage statistics, {@code summary.txt}, {@code synth.json}), which
 * appears only when the run finished; the large mapped netlist is deleted after the depth analysis
 * unless asked to keep it.
 */
public final class YosysSynthesis {

    public static final String REPORT_JSON = "synth.json";
    public static final String SUMMARY = "summary.txt";
    public static final String LOG = "yosys.log";

    /** Full-size presets take a long time on a small machine; this only stops a hung run. */
    private static final Duration TIMEOUT = Duration.ofHours(6);

    private final ExternalTool yosys;
    private final PrintStream progress;
    private boolean uram;
    private boolean keepNetlist;

    public YosysSynthesis(ExternalTool yosys, PrintStream progress) {
        this.yosys = yosys;
        this.progress = progress;
    }

    /** Let Yosys infer URAM288 for large memories ({@code synth_xilinx -uram}). */
    public YosysSynthesis uram(boolean on) {
        this.uram = on;
        return this;
    }

    public YosysSynthesis keepNetlist(boolean on) {
        this.keepNetlist = on;
        return this;
    }

    /**
     * Runs Yosys on {@code design} and writes the report directory {@code reportDir} (replacing an
     * old one). A Yosys failure, including a failed {@code check -assert}, is a {@link FlowException}
     * carrying the end of the log; the full log is then kept as {@code reportDir.failed.log}.
     */
    public SynthReport run(String name, DesignSources design, Path reportDir) {
        yosys.require();
        try (OutputDirectory out = OutputDirectory.replacing(reportDir, "synth.ys")) {
            Path work = out.staging();
            Files.writeString(work.resolve("synth.ys"), SynthScript.render(design, uram));
            Path log = work.resolve(LOG);
            // -l keeps the complete log; stdout (warnings and errors only, with -q) goes to yosys.out.
            ToolRun run = yosys.run(work, work.resolve("yosys.out"), TIMEOUT, List.of("-q", "-l", LOG, "-s", "synth.ys"),
                    (elapsed, out0) -> progress.printf("synth %s: %d:%02d elapsed, %s%n", name, elapsed.toMinutes(),
                            elapsed.toSecondsPart(), lastStep(log)));
            if (!run.ok()) {
                Path kept = reportDir.resolveSibling(reportDir.getFileName() + ".failed.log");
                if (Files.exists(log)) Files.copy(log, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                throw new FlowException("Yosys failed on " + name + failureReason(work, run) + "\n" + run.tail(12)
                        + "\n(full log: " + kept + ")");
            }
            CellCounts fin = CellCounts.read(work.resolve(SynthScript.STAT_FINAL));
            MappingChecks mapping = MappingChecks.of(CellCounts.read(work.resolve(SynthScript.STAT_PREMAP)),
                    CellCounts.read(work.resolve(SynthScript.STAT_DSP)), CellCounts.read(work.resolve(SynthScript.STAT_COARSE)),
                    CellCounts.read(work.resolve(SynthScript.STAT_MEMORY)),
                    fin, checkProblems(work.resolve(SynthScript.CHECK)), MappingChecks.lutRamMemories(log));
            Path netlist = work.resolve(SynthScript.NETLIST);
            MappedNetlist mapped = MappedNetlist.read(netlist, design.top());
            LogicDepth depth = LogicDepth.of(mapped);
            var depthByClock = LogicDepth.byClock(mapped);
            if (!keepNetlist) Files.delete(netlist);
            SynthReport report = new SynthReport(name, design.top(), SynthScript.FAMILY, version(tailOrHead(log)),
                    run.elapsed().toMillis() / 1000.0, Resources.of(fin), mapping, depth, fin.byType(), depthByClock);
            report.writeJson(work.resolve(REPORT_JSON));
            Files.writeString(work.resolve(SUMMARY), report.summary());
            out.commit();
            return report;
        } catch (IOException e) {
            throw new FlowException("cannot write synthesis report " + reportDir + ": " + IoErrors.describe(e), e);
        }
    }

    private static String failureReason(Path work, ToolRun run) {
        List<String> problems = checkProblems(work.resolve(SynthScript.CHECK));
        if (run.output().contains("check -assert") || !problems.isEmpty()) {
            return problems.isEmpty() ? " (check -assert)" : ": check -assert found " + problems.size() + " problem(s), first: " + problems.getFirst();
        }
        return "";
    }

    /** The problems a {@code check} run reported: the first line of each warning. */
    static List<String> checkProblems(Path checkOutput) {
        if (!Files.isRegularFile(checkOutput)) return List.of();
        List<String> problems = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(checkOutput)) {
                if (line.startsWith("Warning: ")) problems.add(line.substring("Warning: ".length()).strip());
            }
        } catch (IOException e) {
            throw new FlowException("cannot read " + checkOutput + ": " + e.getMessage(), e);
        }
        return problems;
    }

    private static final Pattern VERSION = Pattern.compile("(Yosys [0-9][^\\s]*)");
    private static final Pattern STEP = Pattern.compile("^[0-9.]+ Executing (.*)$", Pattern.MULTILINE);

    private static String version(String log) {
        Matcher m = VERSION.matcher(log);
        return m.find() ? m.group(1) : "Yosys";
    }

    private static String lastStep(Path log) {
        try {
            String text = tailOf(log, 1 << 18);
            Matcher m = STEP.matcher(text);
            String last = "starting";
            while (m.find()) last = m.group(1);
            return last.length() > 80 ? last.substring(0, 80) : last;
        } catch (IOException e) {
            return "running";
        }
    }

    /** The log's first lines name the Yosys version; large logs are not read whole. */
    private static String tailOrHead(Path log) throws IOException {
        try (var in = Files.newInputStream(log)) {
            return new String(in.readNBytes(4096), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static String tailOf(Path file, int bytes) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(file)) {
            long size = ch.size();
            var buf = java.nio.ByteBuffer.allocate((int) Math.min(bytes, size));
            ch.read(buf, size - buf.capacity());
            return new String(buf.array(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
