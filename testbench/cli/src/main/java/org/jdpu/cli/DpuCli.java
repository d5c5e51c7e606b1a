package org.jdpu.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code bin/dpu}: dispatches to one subcommand per job. */
@Command(name = "dpu",
        mixinStandardHelpOptions = true,
        version = "jdpu 0.1.0",
        description = "jdpu: generate, simulate and check INT8 convolution engines.",
        subcommands = {
                CommandLine.HelpCommand.class,
                org.jdpu.cli.BenchCommand.class,
                AccuracyCommand.class,
                DemoCommand.class,
                ConvDemoCommand.class,
                CosimCommand.class,
                CompileCommand.class,
                DisasmCommand.class,
                ExampleCommand.class,
                GenerateCommand.class,
                RegressCommand.class,
                DseCommand.class,
                GoldenCommand.class,
                ImportCommand.class,
                ConformanceCommand.class,
                SynthCommand.class,
                LintCommand.class,
                ExportCommand.class,
        })
public final class DpuCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(CliRunner.run(new DpuCli(), args));
    }
}
