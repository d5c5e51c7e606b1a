package org.jdpu.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Turns an I/O exception into the text a user can act on: the file and what went wrong with it.
 *
 * <p>{@code java.nio.file} often leaves the reason out (an {@link AccessDeniedException}'s message
 * is just the path), so a bare {@code getMessage()} would print "cannot write x: x" where the user
 * needs "permission denied".
 */
public final class IoErrors {
    private IoErrors() {}

    /**
     * "{@code <file>: <reason>}" for file-system errors, otherwise the exception's own message; the
     * hidden names outputs are staged under are replaced by the user's path ({@link TempNames}).
     */
    public static String describe(IOException e) {
        return TempNames.userFacing(raw(e));
    }

    /**
     * Why a new file or directory could not be created in the existing directory {@code dir}: the
     * usual reasons (permissions, a read-only or virtual file system such as /proc) read as "not
     * writable", where the bare errno would say "no such file" about a directory that exists.
     */
    public static String cannotCreateIn(Path dir, IOException e) {
        boolean denied = e instanceof AccessDeniedException || e instanceof NoSuchFileException
                || (e instanceof FileSystemException fs && fs.getReason() != null
                        && fs.getReason().toLowerCase(java.util.Locale.ROOT).contains("read-only"));
        return denied ? "directory " + dir + " is not writable" : describe(e);
    }

    private static String raw(IOException e) {
        if (e instanceof FileSystemException fs) {
            String reason = fs.getReason() != null ? fs.getReason() : switch (fs) {
                case AccessDeniedException _ -> "permission denied";
                case NoSuchFileException _ -> "no such file or directory";
                case NotDirectoryException _ -> "not a directory";
                case FileAlreadyExistsException _ -> "already exists";
                case DirectoryNotEmptyException _ -> "directory not empty";
                default -> "file system error";
            };
            String where = fs.getOtherFile() == null ? fs.getFile() : fs.getFile() + " -> " + fs.getOtherFile();
            return where == null ? reason : where + ": " + reason;
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
