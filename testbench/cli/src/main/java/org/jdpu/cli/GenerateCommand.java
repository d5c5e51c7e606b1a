package org.jdpu.cli;

import org.jdpu.io.UserError;
import org.jdpu.flow.DesignSources;
import org.jdpu.flow.GeneratedDesign;
import org.jdpu.arch.DpuConfig;
import org.jdpu.hdl.emit.EmitOptions;
import org.jdpu.hdl.ir.LocationStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code dpu generate}: the engine's Verilog for one configuration. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Write the engine's Verilog for a configuration: one file per module, filelist.f in "
                + "compile order, top module dpu_top, and a README with the ports and register map.",
                "The directory is replaced all-or-nothing (only if it is empty or an earlier generation)."})
public final class GenerateCommand implements Runnable {

    @Option(names = "--arch", paramLabel = "A", required = true, description = Engines.ARCH_HELP)
    String arch;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "output directory, " + OutputHelp.DIRECTORY)
    Path out;

    @Option(names = "--locations", paramLabel = "STYLE", defaultValue = "file",
            description = "source locations in the Verilog comments: file-line (// @[Pe.java:42]), file "
                    + "(// @[Pe.java], the default, as in generated/) or none")
    String locations;

    @Override
    public void run() {
        DpuConfig config = Engines.arch(arch);
        long t0 = System.nanoTime();
        DesignSources sources = GeneratedDesign.write(config, out, EmitOptions.locations(locationStyle(locations)));
        System.out.printf("wrote %s: %d Verilog files, top %s, %s (%.2f s)%n", out, sources.files().size(),
                GeneratedDesign.TOP, config.describe(), (System.nanoTime() - t0) / 1e9);
    }

    private static LocationStyle locationStyle(String s) {
        return switch (s) {
            case "file-line" -> LocationStyle.FILE_LINE;
            case "file" -> LocationStyle.FILE;
            case "none" -> LocationStyle.NONE;
            default -> throw new UserError("--locations must be file-line, file or none, not '" + s + "'");
        };
    }
}
