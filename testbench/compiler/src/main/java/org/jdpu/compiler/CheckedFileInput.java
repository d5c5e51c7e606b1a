package org.jdpu.compiler;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;

/**
 * Reading one of the compiler's binary files ({@code .dpuprog}, {@code .dpunet}): a data stream
 * that keeps a CRC-32 of what it read and counts the bytes, so a reader can check sizes against
 * what the file still holds before allocating, and every failure (missing, unreadable, truncated,
 * wrong content) becomes one {@link ProgramFormatException} naming the kind of file and the file.
 */
public final class CheckedFileInput {
    /** What a reader does with the stream. */
    @FunctionalInterface
    public interface Body<T> {
        T read(CheckedFileInput input) throws IOException;
    }

    private final Path file;
    private final String kind;
    private final long size;
    private final Counting counting;
    private final CheckedInputStream checked;
    private final DataInputStream in;

    private CheckedFileInput(Path file, String kind, long size, InputStream raw) {
        this.file = file;
        this.kind = kind;
        this.size = size;
        this.counting = new Counting(new BufferedInputStream(raw, 1 << 16));
        this.checked = new CheckedInputStream(counting, new CRC32());
        this.in = new DataInputStream(checked);
    }

    /** Opens {@code file} (a "{@code kind}", e.g. "program file") and hands it to {@code body}. */
    public static <T> T read(Path file, String kind, Body<T> body) {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new ProgramFormatException(kind + " " + file + ": no such file", e);
        } catch (IOException e) {
            throw new ProgramFormatException(kind + " " + file + ": cannot read it: " + e.getMessage(), e);
        }
        try (InputStream raw = Files.newInputStream(file)) {
            return body.read(new CheckedFileInput(file, kind, size, raw));
        } catch (EOFException e) {
            throw new ProgramFormatException(kind + " " + file + ": truncated (" + size
                    + " bytes; it ends in the middle of a field)", e);
        } catch (IOException e) {
            throw new ProgramFormatException(kind + " " + file + ": cannot read it: " + e.getMessage(), e);
        }
    }

    public DataInputStream in() {
        return in;
    }

    public Path file() {
        return file;
    }

    /** Bytes in the file. */
    public long size() {
        return size;
    }

    /** Bytes read so far. */
    public long position() {
        return counting.position;
    }

    /** CRC-32 of every byte read so far. */
    public long checksum() {
        return checked.getChecksum().getValue();
    }

    /**
     * Reads and checks the file's magic and format version.
     *
     * @param foreign what the file is not, with how to write one ("not a jdpu program (it does not start
     *                with ...; ...)" is built from it)
     * @param redo    what to do about another version, e.g. "recompile the network"
     */
    public void header(byte[] magic, String foreign, String howToWrite, int version, String redo) throws IOException {
        byte[] m = new byte[magic.length];
        in.readFully(m);
        if (!java.util.Arrays.equals(m, magic)) {
            throw bad("not a jdpu " + foreign + " (it does not start with "
                    + new String(magic, java.nio.charset.StandardCharsets.US_ASCII) + "; " + howToWrite + ")");
        }
        int v = in.readInt();
        if (v != version) throw bad("format version " + v + "; this jdpu reads version " + version + " (" + redo + ")");
    }

    /** Reads the CRC-32 that closes the file, checks it against what was read, and that nothing follows. */
    public void trailer() throws IOException {
        long crc = checksum();
        int stored;
        try {
            stored = in.readInt();
        } catch (EOFException e) {
            throw bad("truncated (" + size + " bytes; the checksum at the end is missing)");
        }
        if ((int) crc != stored) throw bad("corrupt (the CRC-32 checksum does not match the contents)");
        if (in.read() >= 0) throw bad((size - position() + 1) + " bytes after the end of the program");
    }

    /** The one-line error for content that is wrong. */
    public ProgramFormatException bad(String problem) {
        return new ProgramFormatException(kind + " " + file + ": " + problem, null);
    }

    /** Counts the bytes read. */
    private static final class Counting extends FilterInputStream {
        long position;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) position++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) position += n;
            return n;
        }
    }
}
