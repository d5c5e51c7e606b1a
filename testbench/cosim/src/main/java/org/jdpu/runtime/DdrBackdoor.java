package org.jdpu.runtime;

import org.jdpu.sim.Batch;
import org.jdpu.sim.Port;
import org.jdpu.sim.Simulator;

import java.util.List;

/**
 * Fills and reads the simulated DDR through its backdoor port, one beat per clock edge in native
 * batches: how a testbench puts a program's image into memory before START and takes the results
 * out afterwards, without going through the AXI ports. Byte ranges need not be beat-aligned: partial
 * beats are read, merged and written back.
 */
public final class DdrBackdoor {
    private static final int BURST = 4096;

    private final Simulator sim;
    private final Port we, addr, wdata, rdata;
    private final int beatBytes;
    private final Batch writes, reads;

    /** @param prefix the backdoor's port prefix in the harness, e.g. {@code ddr_bd} */
    public DdrBackdoor(Simulator sim, String prefix, int beatBytes) {
        this.sim = sim;
        this.beatBytes = beatBytes;
        we = sim.port(prefix + "_we");
        addr = sim.port(prefix + "_addr");
        wdata = sim.port(prefix + "_wdata");
        rdata = sim.port(prefix + "_rdata");
        writes = sim.batch(BURST, List.of(we, addr, wdata), List.of());
        reads = sim.batch(BURST, List.of(we, addr), List.of(rdata));
        we.set(0);
    }

    public int beatBytes() {
        return beatBytes;
    }

    /** Writes {@code data} at byte address {@code address}. */
    public void write(long address, byte[] data) {
        if (data.length == 0) return;
        long first = address / beatBytes, last = (address + data.length - 1) / beatBytes;
        byte[] head = (address % beatBytes != 0) ? read(first * beatBytes, beatBytes) : null;
        byte[] tail = ((address + data.length) % beatBytes != 0) ? read(last * beatBytes, beatBytes) : null;
        long[] limbs = new long[(beatBytes + 7) / 8];
        int rows = 0;
        for (long beat = first; beat <= last; beat++) {
            java.util.Arrays.fill(limbs, 0);
            for (int b = 0; b < beatBytes; b++) {
                long at = beat * beatBytes + b;
                int value;
                if (at < address) value = head[b];
                else if (at >= address + data.length) value = tail[b];
                else value = data[(int) (at - address)];
                limbs[b >>> 3] |= (value & 0xFFL) << ((b & 7) << 3);
            }
            writes.set(rows, we, 1);
            writes.set(rows, addr, beat);
            writes.setLongs(rows, wdata, limbs);
            if (++rows == BURST) {
                writes.run(rows);
                rows = 0;
            }
        }
        if (rows > 0) writes.run(rows);
        we.set(0);
        sim.eval();
    }

    /** Writes {@code length} zero bytes at {@code address}. */
    public void zero(long address, long length) {
        int chunk = 1 << 20;
        for (long done = 0; done < length; done += chunk) {
            write(address + done, new byte[(int) Math.min(chunk, length - done)]);
        }
    }

    /** Reads {@code length} bytes at byte address {@code address}. */
    public byte[] read(long address, int length) {
        byte[] out = new byte[length];
        if (length == 0) return out;
        long first = address / beatBytes, last = (address + length - 1) / beatBytes;
        long[] limbs = new long[(beatBytes + 7) / 8];
        for (long from = first; from <= last; from += BURST) {
            int n = (int) Math.min(BURST, last - from + 1);
            for (int i = 0; i < n; i++) {
                reads.set(i, we, 0);
                reads.set(i, addr, from + i);
            }
            reads.run(n);
            for (int i = 0; i < n; i++) {
                reads.getLongs(i, rdata, limbs);
                for (int b = 0; b < beatBytes; b++) {
                    long at = (from + i) * beatBytes + b;
                    if (at >= address && at < address + length) {
                        out[(int) (at - address)] = (byte) (limbs[b >>> 3] >>> ((b & 7) << 3));
                    }
                }
            }
        }
        return out;
    }
}
