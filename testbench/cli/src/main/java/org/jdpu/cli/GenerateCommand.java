package org.jdpu.cli;

import org.jdpu.flow.DesignSources;
import org.jdpu.flow.GeneratedDesign;
import org.jdpu.arch.DpuConfig;
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

    @Override
    public void run() {
        DpuConfig config = Engines.arch(arch);
        long t0 = System.nanoTime();
        DesignSources sources = GeneratedDesign.write(config, out);
        System.out.printf("wrote %s: %d Verilog files, top %s, %s (%.2f s)%n", out, sources.files().size(),
                GeneratedDesign.TOP, config.describe(), (System.nanoTime() - t0) / 1e9);
    }
}
