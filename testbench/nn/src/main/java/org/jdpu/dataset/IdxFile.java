package org.jdpu.dataset;

import org.jdpu.io.IoErrors;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * An IDX file of unsigned bytes (the MNIST format: magic {@code 00 00 08 rank}, {@code rank}
 * big-endian u32 dimensions, then the data in C order), plain or gzip-compressed. Only the first
 * {@code limit} items along the first axis are kept, so a caller that needs a few images does not
 * hold the whole file.
 */
public record IdxFile(int[] dims, byte[] data) {
    /** The data type code of unsigned bytes, the only one MNIST-style datasets use. */
    static final int UBYTE = 0x08;

    public IdxFile {
        dims = dims.clone();
    }

    @Override
    public int[] dims() {
        return dims.clone();
    }

    /** Items along the first axis. */
    public int count() {
        return dims[0];
    }

    /** Bytes per item (the product of the other dimensions). */
    public int itemSize() {
        int n = 1;
        for (int i = 1; i < dims.length; i++) n *= dims[i];
        return n;
    }

    /** Reads every item of {@code file}. */
    public static IdxFile read(Path file) {
        return read(file, Integer.MAX_VALUE);
    }

    /**
     * Reads the first {@code limit} items (all of them if there are fewer). A whole read also checks
     * that nothing follows the data; a partial one does not look past the items it keeps.
     */
    public static IdxFile read(Path file, int limit) {
        try (InputStream raw = Files.newInputStream(file)) {
            BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
            buffered.mark(2);
            boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
            buffered.reset();
            InputStream in = gzip ? new GZIPInputStream(buffered, 1 << 16) : buffered;
            return parse(file, new DataInputStream(in), limit);
        } catch (NoSuchFileException e) {
            throw new DatasetException(file, "no such file");
        } catch (ZipException e) {
            throw new DatasetException(file, "corrupt gzip data: " + e.getMessage());
        } catch (EOFException e) {
            throw new DatasetException(file, "truncated: the file ends inside the data");
        } catch (IOException e) {
            throw new DatasetException(file, "cannot read: " + IoErrors.describe(e), e);
        }
    }

    private static IdxFile parse(Path file, DataInputStream in, int limit) throws IOException {
        byte[] magic = new byte[4];
        int got = in.readNBytes(magic, 0, 4);
        if (got < 4) throw new DatasetException(file, "not an IDX file: only " + got + " bytes");
        if (magic[0] != 0 || magic[1] != 0) {
            throw new DatasetException(file, "not an IDX file: the magic number must start with two zero bytes, got "
                    + String.format("%02x %02x", magic[0] & 0xff, magic[1] & 0xff));
        }
        if ((magic[2] & 0xff) != UBYTE) {
            throw new DatasetException(file, String.format("IDX data type 0x%02x is not supported (only unsigned bytes, 0x08)",
                    magic[2] & 0xff));
        }
        int rank = magic[3] & 0xff;
        if (rank < 1 || rank > 4) throw new DatasetException(file, "IDX rank " + rank + " is not in 1..4");
        int[] dims = new int[rank];
        long itemSize = 1;
        for (int i = 0; i < rank; i++) {
            long d = in.readInt() & 0xffffffffL;
            if (d < 1 || d > Integer.MAX_VALUE) throw new DatasetException(file, "IDX dimension " + i + " is " + d);
            dims[i] = (int) d;
            if (i > 0) itemSize *= d;
        }
        if (itemSize > Integer.MAX_VALUE / 8) throw new DatasetException(file, "IDX items of " + itemSize + " bytes are too large");
        int keep = Math.min(limit, dims[0]);
        if ((long) keep * itemSize > Integer.MAX_VALUE - 8) {
            throw new DatasetException(file, "IDX data of " + keep * itemSize + " bytes is too large");
        }
        byte[] data = new byte[(int) (keep * itemSize)];
        in.readFully(data);
        // A partial read stops here: inflating the rest only to check its length would cost more than the read.
        if (keep == dims[0] && in.read() != -1) {
            throw new DatasetException(file, "unexpected bytes after the " + dims[0] + " items the header announces");
        }
        int[] kept = Arrays.copyOf(dims, rank);
        kept[0] = keep;
        return new IdxFile(kept, data);
    }
}
