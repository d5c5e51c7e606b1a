package org.jdpu.io;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Hidden siblings ({@code .y.npy.tmp-123}, {@code .gen.tmp-456}) that outputs are written into
 * before being renamed into place, and the rule that turns such names back into the user's path
 * for messages.
 *
 * <p>{@code Files.createTempFile} and {@code createTempDirectory} force 0600 and 0700, which the
 * rename would carry over to the user's output. These are created with the default permissions
 * instead, so outputs get what the umask gives any other new file.
 */
public final class TempNames {
    private TempNames() {}

    private static final int ATTEMPTS = 100;
    private static final Pattern HIDDEN = Pattern.compile("(^|/)\\.([^/]+)\\.(?:tmp|old)-\\d+");

    /** Creates an empty hidden file beside {@code dir/name} with the default permissions. */
    public static Path createFile(Path dir, String name) throws IOException {
        for (int i = 0; ; i++) {
            try {
                return Files.createFile(candidate(dir, name, "tmp"));
            } catch (FileAlreadyExistsException e) {
                if (i == ATTEMPTS) throw e;
            }
        }
    }

    /** Creates an empty hidden directory beside {@code dir/name} with the default permissions. */
    public static Path createDirectory(Path dir, String name, String kind) throws IOException {
        for (int i = 0; ; i++) {
            try {
                return Files.createDirectory(candidate(dir, name, kind));
            } catch (FileAlreadyExistsException e) {
                if (i == ATTEMPTS) throw e;
            }
        }
    }

    private static Path candidate(Path dir, String name, String kind) {
        return dir.resolve("." + name + "." + kind + "-" + ThreadLocalRandom.current().nextLong(Long.MAX_VALUE));
    }

    /** {@code text} with every hidden sibling name replaced by the name it stands for. */
    public static String userFacing(String text) {
        return text == null ? null : HIDDEN.matcher(text).replaceAll("$1$2");
    }
}
