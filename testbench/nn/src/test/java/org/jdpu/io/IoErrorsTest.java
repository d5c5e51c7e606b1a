package org.jdpu.io;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IoErrorsTest {

    @Test
    void namesTheReasonJavaLeavesOut() {
        assertEquals("/d/x: permission denied", IoErrors.describe(new AccessDeniedException("/d/x")));
        assertEquals("/d/x: no such file or directory", IoErrors.describe(new NoSuchFileException("/d/x")));
    }

    @Test
    void keepsAGivenReasonAndTheSecondFile() {
        assertEquals("/a -> /b: Read-only file system",
                IoErrors.describe(new FileSystemException("/a", "/b", "Read-only file system")));
    }

    @Test
    void otherErrorsKeepTheirMessage() {
        assertEquals("disk on fire", IoErrors.describe(new IOException("disk on fire")));
        assertEquals("IOException", IoErrors.describe(new IOException()));
    }
}
