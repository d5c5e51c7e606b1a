package org.jdpu.cli;

import org.jdpu.io.UserError;

import org.jdpu.golden.conformance.ConformanceSuite;
import org.jdpu.io.IoErrors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code dpu conformance}: checks the golden model against a local folder of external convolution test cases. */
@Command(name = "conformance", mixinStandardHelpOptions = true,
        description = {"Check the golden model against external conv test cases.",
                "DIR holds one folder per case (case.json and input/weights/bias/expected .npy).",
                "Exits 1 if any in-scope case differs."})
public final class ConformanceCommand implements Runnable {

    @Option(names = "--dir", paramLabel = "DIR", required = true, description = "folder of case folders")
    Path dir;

    @Override
    public void run() {
        if (!Files.exists(dir)) throw new UserError("no such directory: " + dir);
        if (!Files.isDirectory(dir)) throw new UserError(dir + " is not a directory (--dir wants the folder of case folders)");
        ConformanceSuite.Summary s;
        try {
            s = ConformanceSuite.run(dir, System.out);
        } catch (IOException e) {
            throw new UserError("cannot read the cases: " + IoErrors.describe(e), e);
        }
        if (s.mismatched() > 0) {
            throw new UserError(s.mismatched() + " of " + s.inScope() + " in-scope cases differ", 1, null);
        }
    }
}
