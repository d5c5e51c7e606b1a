package org.jdpu.sim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The model cache is as readable as the umask allows, so users of a shared server can use each other's builds. */
class PermissionsTest {

    @Test
    void cacheDirectoriesAndFilesFollowTheUmask(@TempDir Path dir) throws Exception {
        int umask = processUmask();
        int dirMode = 0777 & ~umask, fileMode = 0666 & ~umask;
        Path root = dir.resolve("cache");
        CompiledModel m = Verilator.build(ModelSpec.of("counter", Fixtures.uniqueCounter(dir, "permissions"))
                .withOptLevel(Fixtures.TEST_OPT_LEVEL), root);
        assertTrue(m.directory().startsWith(root));
        List<String> wrong = new ArrayList<>();
        int dirs = 0, files = 0;
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                int mode = mode(p);
                if (Files.isDirectory(p)) {
                    dirs++;
                    if (mode != dirMode) wrong.add(String.format("%s: %o, expected %o", root.relativize(p), mode, dirMode));
                } else if (Files.isRegularFile(p)) {
                    files++;
                    // at least what the umask grants for plain files; executables may add x bits the umask allows
                    if ((mode & fileMode) != fileMode || (mode & ~dirMode) != 0) {
                        wrong.add(String.format("%s: %o, expected %o", root.relativize(p), mode, fileMode));
                    }
                }
            }
        }
        assertTrue(dirs >= 5 && files >= 10, dirs + " directories, " + files + " files");
        assertEquals(List.of(), wrong, String.format("umask %03o", umask));
    }

    /** The umask this JVM and its children run under, as the shell reports it. */
    static int processUmask() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", "umask").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertEquals(0, p.waitFor(), out);
        return Integer.parseInt(out, 8);
    }

    private static int mode(Path p) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
        int mode = 0;
        for (PosixFilePermission perm : PosixFilePermission.values()) {
            // the enum lists OWNER_READ .. OTHERS_EXECUTE, most significant bit first
            if (perms.contains(perm)) mode |= 0400 >> perm.ordinal();
        }
        return mode;
    }
}
