package org.jdpu.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A file is replaced whole or not at all, and no hidden sibling is left behind either way. */
class AtomicFileTest {
    @TempDir
    Path tmp;

    private long entries() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.count();
        }
    }

    @Test
    void replacesAnExistingFileWhole() throws IOException {
        Path f = tmp.resolve("report.xml");
        Files.writeString(f, "old");
        AtomicFile.write(f, "new contents".getBytes(StandardCharsets.UTF_8));
        assertEquals("new contents", Files.readString(f));
        assertEquals(1, entries());
    }

    @Test
    void aFailedWriteKeepsTheOldFileAndRemovesTheTemporaryOne() throws IOException {
        Path f = tmp.resolve("summary.json");
        Files.writeString(f, "old");
        IOException e = assertThrows(IOException.class, () -> AtomicFile.write(f, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("old", Files.readString(f));
        assertEquals(1, entries());
    }

    @Test
    void aMissingDirectoryIsOneUserErrorNamingTheFile() {
        Path f = tmp.resolve("no/such/dir/x.json");
        UserError e = assertThrows(UserError.class, () -> AtomicFile.writeOrFail(f, out -> out.write(1)));
        assertEquals("cannot write " + f + ": directory " + tmp.resolve("no/such/dir") + " does not exist", e.getMessage());
    }
}
