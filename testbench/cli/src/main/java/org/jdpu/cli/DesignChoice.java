package org.jdpu.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * Which design a flow command ({@code dpu synth}, {@code dpu lint}) works on: one configuration,
 * generated first, an existing Verilog directory, or every preset. Used as an exclusive group.
 */
public class DesignChoice {
    @Option(names = "--arch", paramLabel = "ARCH", description = Engines.ARCH_HELP + ", generated first")
    String arch;

    @Option(names = "--rtl", paramLabel = "DIR", description = "an existing Verilog directory with filelist.f (e.g. generated/B512)")
    Path rtl;

    @Option(names = "--all", description = "every preset, generated fresh")
    boolean all;
}
