package org.jdpu.cli;

import org.jdpu.io.UserError;

import org.jdpu.arch.DpuConfig;
import org.jdpu.cosim.net.EngineConformance;
import org.jdpu.golden.conformance.ConformanceCase;
import org.jdpu.golden.conformance.ConformanceSuite;
import org.jdpu.runtime.EngineSession;
import java.util.List;
import org.jdpu.io.IoErrors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code dpu conformance}: checks the golden model, or with {@code --arch} the simulated engine,
 * against a local folder of external convolution test cases.
 */
@Command(name = "conformance", mixinStandardHelpOptions = true,
        description = {"Check the golden model (or, with --arch, the Verilated engine) against external conv test cases.",
                "DIR holds one folder per case (case.json and input/weights/bias/expected .npy).",
                "Exits 1 if any in-scope case differs."})
public final class ConformanceCommand implements Runnable {

    @Option(names = "--dir", paramLabel = "DIR", required = true, description = "folder of case folders")
    Path dir;

    @Option(names = "--arch", paramLabel = "ARCH", description = "run the cases on this engine through the RTL "
            + "instead of the golden model (multiplier-mode cases need +tflite, e.g. B512+tflite); " + Engines.ARCH_HELP)
    String arch;

    @Override
    public void run() {
        if (!Files.exists(dir)) throw new UserError("no such directory: " + dir);
        if (!Files.isDirectory(dir)) throw new UserError(dir + " is not a directory (--dir wants the folder of case folders)");
        DpuConfig config = arch == null ? null : Engines.arch(arch);
        ConformanceSuite.Summary s;
        try {
            List<Path> cases = ConformanceSuite.cases(dir);
            if (config == null) {
                s = ConformanceSuite.run(cases, System.out, ConformanceCase.LayerRunner.GOLDEN);
            } else {
                try (EngineSession session = Engines.open(config, null)) {
                    s = ConformanceSuite.run(cases, System.out, new EngineConformance(session));
                }
            }
        } catch (IOException e) {
            throw new UserError("cannot read the cases: " + IoErrors.describe(e), e);
        }
        if (s.mismatched() > 0) {
            throw new UserError(s.mismatched() + " of " + s.inScope() + " in-scope cases differ", 1, null);
        }
    }
}
