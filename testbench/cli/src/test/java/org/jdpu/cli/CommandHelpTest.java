package org.jdpu.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@code dpu --help} and {@code dpu <command> -V} show for every subcommand. */
class CommandHelpTest {

    private static final Map<String, CommandLine> SUBCOMMANDS = CliRunner.commandLine(new DpuCli()).getSubcommands();

    @Test
    void everySummaryLineIsACompleteSentence() {
        assertTrue(SUBCOMMANDS.size() > 10, SUBCOMMANDS.keySet().toString());
        SUBCOMMANDS.forEach((name, cl) -> {
            if (name.equals("help")) return; // picocli's own, with its own layout
            String[] description = cl.getCommandSpec().usageMessage().description();
            assertTrue(description.length > 0, name + " has no description");
            String first = description[0];
            assertTrue(Character.isUpperCase(first.charAt(0)) && first.endsWith("."),
                    name + ": the line 'dpu --help' shows is not a sentence: " + first);
        });
    }

    @Test
    void everySubcommandPrintsTheVersion() {
        String version = CliRunner.commandLine(new DpuCli()).getCommandSpec().version()[0];
        SUBCOMMANDS.forEach((name, ignored) -> {
            if (name.equals("help")) return;
            CommandLine cl = CliRunner.commandLine(new DpuCli());
            StringWriter out = new StringWriter();
            cl.setOut(new PrintWriter(out));
            assertEquals(0, cl.execute(name, "-V"), name);
            assertEquals(version, out.toString().strip(), name + " -V");
        });
        assertFalse(version.isBlank());
    }
}
