package org.jdpu.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Turns an I/O exception into the text a user can act on: the file and what went wrong with it.
 *
 * <p>{@code java.nio.file} often leaves the reason out (an {@link AccessDeniedException}'s message
 * is just the path), so a bare {@code getMessage()} would print "cannot write x: x" where the user
 * needs "permission denied".
 */
public final class IoErrors {
    private IoErrors() {}

    /** "{@code <file>: <reason>}" for file-system errors, otherwise the exception's own message. */
    public static String describe(IOException e) {
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
