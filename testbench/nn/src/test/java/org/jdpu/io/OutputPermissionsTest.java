package org.jdpu.io;

import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Outputs get the permissions the process umask gives any new file or directory, although they are
 * written under a temporary name first. The expected modes come from a plain file and directory
 * created here, so the test holds under any umask.
 */
public class OutputPermissionsTest {
    @TempDir
    Path tmp;

    /** The mode a plain new file gets in {@code dir}. */
    public static String plainFileMode(Path dir) throws IOException {
        Path p = Files.createFile(dir.resolve("plain-file"));
        try {
            return mode(p);
        } finally {
            Files.delete(p);
        }
    }

    /** The mode a plain new directory gets in {@code dir}. */
    public static String plainDirectoryMode(Path dir) throws IOException {
        Path p = Files.createDirectory(dir.resolve("plain-dir"));
        try {
            return mode(p);
        } finally {
            Files.delete(p);
        }
    }

    public static String mode(Path p) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
        return PosixFilePermissions.toString(perms);
    }

    @Test
    void npyOutputsHaveTheModeOfAPlainNewFile() throws IOException {
        Path y = tmp.resolve("y.npy");
        Npy.write(y, new Int8Tensor(new int[] {2}, new byte[] {1, 2}));
        assertEquals(plainFileMode(tmp), mode(y));
        assertTrue(mode(y).startsWith("rw"), mode(y));
    }

    @Test
    void outputDirectoriesHaveTheModeOfAPlainNewDirectory() throws IOException {
        Path out = tmp.resolve("out");
        for (int i = 0; i < 2; i++) { // the first creates it, the second replaces it
            try (OutputDirectory dir = OutputDirectory.replacing(out)) {
                Files.writeString(dir.staging().resolve("f.txt"), "x");
                dir.commit();
            }
            assertEquals(plainDirectoryMode(tmp), mode(out));
            assertEquals(plainFileMode(tmp), mode(out.resolve("f.txt")));
        }
        try (var s = Files.list(tmp)) {
            assertEquals(1, s.count(), "no staging or old directory left");
        }
    }
}
