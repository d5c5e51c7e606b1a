package org.jdpu.cli;

import org.jdpu.flow.DesignSources;
import org.jdpu.flow.EngineDesigns;
import org.jdpu.flow.ExternalTool;
import org.jdpu.flow.FlowException;
import org.jdpu.flow.GeneratedDesign;
import org.jdpu.flow.lint.VerilatorLint;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** {@code dpu lint}: {@code verilator --lint-only -Wall} on generated or existing Verilog; any message fails. */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = "Lint Verilog with 'verilator --lint-only -Wall'; any warning is a failure (no waivers).")
public final class LintCommand implements Runnable {

    @ArgGroup(exclusive = true, multiplicity = "1")
    DesignChoice selection;

    @Option(names = "--top", paramLabel = "MODULE", defaultValue = GeneratedDesign.TOP, description = "top module (default: ${DEFAULT-VALUE})")
    String top;

    @Override
    public void run() {
        VerilatorLint lint = new VerilatorLint(ExternalTool.VERILATOR);
        List<String> failed = new ArrayList<>();
        List<String> archs = selection.all ? EngineDesigns.presetNames()
                : selection.arch != null ? List.of(selection.arch) : List.of();
        for (String arch : archs) {
            String name = EngineDesigns.canonicalName(arch);
            VerilatorLint.Result r = EngineDesigns.withGenerated(arch, lint::lint);
            report(name, r, failed);
        }
        if (selection.rtl != null) {
            report(selection.rtl.toString(), lint.lint(DesignSources.fromDirectory(selection.rtl, top)), failed);
        }
        if (!failed.isEmpty()) throw new FlowException("lint failed: " + String.join("; ", failed));
    }

    private static void report(String name, VerilatorLint.Result r, List<String> failed) {
        if (r.clean()) {
            System.out.printf("lint %s: clean (%d files, %.1f s)%n", name, r.design().files().size(), r.run().elapsed().toMillis() / 1000.0);
        } else {
            System.out.printf("lint %s: %d message(s)%n%s%n", name, r.messages().size(), r.describe(20));
            // Verilator's errors (an unknown top, a syntax error) are not warnings; say which it was.
            boolean errors = !r.run().ok() || r.messages().stream().anyMatch(m -> m.startsWith("%Error"));
            failed.add((errors ? "errors in " : "warnings in ") + name);
        }
    }
}
