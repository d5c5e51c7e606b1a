package org.jdpu.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code dpu conformance} names what is wrong with --dir in one line. */
class ConformanceCommandTest {
    @TempDir
    Path tmp;

    private static String refusal(Path dir) {
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertEquals(CliRunner.EXIT_USER_ERROR, CliRunner.run(new ConformanceCommand(), "--dir", dir.toString()));
            return err.toString(StandardCharsets.UTF_8).strip();
        } finally {
            System.setErr(oldErr);
        }
    }

    @Test
    void aRegularFileIsNotADirectory() throws IOException {
        Path file = Files.writeString(tmp.resolve("cases.json"), "{}");
        assertEquals("conformance: " + file + " is not a directory (--dir wants the folder of case folders)", refusal(file));
    }

    @Test
    void aMissingPathDoesNotExist() {
        Path missing = tmp.resolve("nowhere");
        assertEquals("conformance: no such directory: " + missing, refusal(missing));
    }
}
