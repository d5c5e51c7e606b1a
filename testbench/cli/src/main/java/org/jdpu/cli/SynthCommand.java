package org.jdpu.cli;

import org.jdpu.flow.DesignSources;
import org.jdpu.flow.EngineDesigns;
import org.jdpu.flow.ExternalTool;
import org.jdpu.flow.FlowException;
import org.jdpu.io.IoErrors;
import org.jdpu.flow.synth.SynthReport;
import org.jdpu.flow.synth.SynthTable;
import org.jdpu.flow.synth.YosysSynthesis;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** {@code dpu synth}: Yosys synthesis for UltraScale+ with a resource, mapping and logic-depth report. */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {"Synthesize with Yosys (synth_xilinx -family xcup) and report LUT, FF, DSP, BRAM36, URAM and "
                + "the logic levels of the longest path. Fails when a multiply is not in a DSP slice, a memory is "
                + "not in block RAM, a latch is inferred or Yosys 'check -assert' finds a problem.",
                "Reports go to OUT/<design>/ (summary.txt, synth.json, yosys.log)."})
public final class SynthCommand implements Runnable {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Selection selection;

    static final class Selection extends DesignChoice {
        @Option(names = "--table", description = "only print the table (against PG338) of every report already in OUT: presets first, then the others by name")
        boolean table;
    }

    @Option(names = "--top", paramLabel = "MODULE", defaultValue = "dpu_top", description = "top module (default: ${DEFAULT-VALUE})")
    String top;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/synth", description = "report directory, " + OutputHelp.DIRECTORY + " (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--uram", description = "let Yosys infer URAM288 for large memories (the ZU9EG has none)")
    boolean uram;

    @Option(names = "--keep-netlist", description = "keep the mapped netlist (netlist.json) in the report directory")
    boolean keepNetlist;

    @Override
    public void run() {
        if (selection.table) {
            printTable(savedReports());
            return;
        }
        YosysSynthesis yosys = new YosysSynthesis(ExternalTool.YOSYS, System.err).uram(uram).keepNetlist(keepNetlist);
        if (selection.all) {
            List<SynthReport> reports = new ArrayList<>();
            for (String arch : EngineDesigns.presetNames()) {
                reports.add(synthArch(yosys, arch, false));
            }
            printTable(reports);
            failOnProblems(reports);
        } else if (selection.arch != null) {
            failOnProblems(List.of(synthArch(yosys, selection.arch, true)));
        } else {
            String name = selection.rtl.toAbsolutePath().normalize().getFileName().toString();
            SynthReport r = yosys.run(name, DesignSources.fromDirectory(selection.rtl, top), out.resolve(name));
            print(r, out.resolve(name));
            failOnProblems(List.of(r));
        }
    }

    private SynthReport synthArch(YosysSynthesis yosys, String arch, boolean single) {
        String name = EngineDesigns.canonicalName(arch);
        Path dir = out.resolve(name);
        System.err.println("synth " + name + ": generating the Verilog and running Yosys ...");
        SynthReport r = EngineDesigns.withGenerated(arch, design -> yosys.run(name, design, dir));
        if (single) print(r, dir);
        else System.out.print(r.summary());
        return r;
    }

    private static void print(SynthReport r, Path dir) {
        System.out.print(r.summary());
        System.out.println("  report: " + dir.resolve(YosysSynthesis.REPORT_JSON));
    }

    /** Every report directory in OUT with a synth.json: the presets in their order, then the others by name. */
    private List<SynthReport> savedReports() {
        List<String> presets = EngineDesigns.presetNames();
        List<String> others;
        try (Stream<Path> dirs = Files.isDirectory(out) ? Files.list(out) : Stream.empty()) {
            // Hidden directories are staging areas of runs in progress or interrupted.
            others = dirs.map(d -> d.getFileName().toString())
                    .filter(n -> !n.startsWith(".") && !presets.contains(n)).sorted().toList();
        } catch (IOException e) {
            throw new FlowException("cannot list " + out + ": " + IoErrors.describe(e), e);
        }
        List<SynthReport> reports = new ArrayList<>();
        for (String name : Stream.concat(presets.stream(), others.stream()).toList()) {
            Path json = out.resolve(name).resolve(YosysSynthesis.REPORT_JSON);
            if (Files.isRegularFile(json)) reports.add(SynthReport.readJson(json));
        }
        if (reports.isEmpty()) throw new FlowException("no synthesis reports in " + out + "; run 'make synth-all' (or 'dpu synth --all') first");
        return reports;
    }

    private static void printTable(List<SynthReport> reports) {
        System.out.println();
        System.out.print(SynthTable.render(reports));
    }

    private static void failOnProblems(List<SynthReport> reports) {
        List<String> bad = reports.stream().filter(r -> !r.mapping().clean())
                .map(r -> r.design() + ": " + String.join("; ", r.mapping().violations())).toList();
        if (!bad.isEmpty()) throw new FlowException("synthesis mapping problems: " + String.join(" | ", bad));
    }
}
