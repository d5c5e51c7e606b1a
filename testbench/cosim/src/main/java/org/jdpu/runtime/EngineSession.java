package org.jdpu.runtime;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.HostPort;
import org.jdpu.arch.IdWord;
import org.jdpu.arch.EngineWidths;
import org.jdpu.arch.Register;
import org.jdpu.arch.plan.RegisterWrite;
import org.jdpu.sim.Batch;
import org.jdpu.sim.Port;
import org.jdpu.sim.Simulator;
import org.jdpu.compiler.LoadSink;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Drives one simulated convolution core ({@code dpu_core}, the network engine's core on its own:
 * the debug interface, not the product's) through its host ports, the way the engine's control
 * block and DMA engines would: register writes, load-port bursts, start, wait for done, read the cycle counter, read the output
 * buffer. Bursts run many cycles per native call. Not thread-safe; one run at a time.
 */
public final class EngineSession implements AutoCloseable {
    private static final int BURST = 4096;
    /** A run that has not finished this many cycles after the model's prediction (doubled) has hung. */
    private static final long HANG_SLACK = 10_000;

    private final DpuConfig config;
    private final EngineWidths widths;
    private final Simulator sim;
    private final Port regWe, regAddr, regWdata, regRdata, ldWe, ldSel, ldBank, ldAddr, ldData, rdAddr, rdData, done;
    private final Batch loadBatch, readBatch;
    private final int outBytes;

    public EngineSession(DpuConfig config, Simulator sim) {
        this.config = config;
        this.widths = EngineWidths.of(config);
        this.sim = sim;
        regWe = port(HostPort.REG_WE);
        regAddr = port(HostPort.REG_ADDR);
        regWdata = port(HostPort.REG_WDATA);
        regRdata = port(HostPort.REG_RDATA);
        ldWe = port(HostPort.LD_WE);
        ldSel = port(HostPort.LD_SEL);
        ldBank = port(HostPort.LD_BANK);
        ldAddr = port(HostPort.LD_ADDR);
        ldData = port(HostPort.LD_DATA);
        rdAddr = port(HostPort.RD_ADDR);
        rdData = port(HostPort.RD_DATA);
        done = port(HostPort.DONE);
        loadBatch = sim.batch(BURST, List.of(ldWe, ldSel, ldBank, ldAddr, ldData), List.of(done));
        readBatch = sim.batch(BURST, List.of(rdAddr), List.of(rdData));
        outBytes = config.ocp();
        sim.reset(2);
        checkIdentity();
    }

    private Port port(HostPort p) {
        return sim.port(p.portName());
    }

    public DpuConfig config() {
        return config;
    }

    public Simulator simulator() {
        return sim;
    }

    /** Clock edges so far (loads, register writes, runs and reads alike). */
    public long cycle() {
        return sim.cycle();
    }

    private void checkIdentity() {
        long id = readRegister(Register.ID);
        long want = IdWord.of(config);
        if (id != want) {
            throw new IllegalStateException("the simulated engine reports ID " + Long.toHexString(id)
                    + " (" + IdWord.describe(id) + ") but configuration " + config.name() + " expects "
                    + Long.toHexString(want));
        }
    }

    public void writeRegisters(List<RegisterWrite> writes) {
        regWe.set(1);
        for (RegisterWrite w : writes) {
            regAddr.set(w.address());
            regWdata.set(w.bits(widths));
            sim.step();
        }
        regWe.set(0);
    }

    public long readRegister(Register r) {
        regAddr.set(r.address());
        sim.eval();
        return regRdata.get() & 0xFFFFFFFFL;
    }

    /**
     * Writes the words {@code producer} hands to its sink through the load port, one per cycle.
     * Each word goes straight into the next row of the native batch buffer, which runs whenever it
     * is full: however many words a run loads, only one burst of them exists at a time.
     *
     * @return the words loaded
     */
    public long load(Consumer<LoadSink> producer) {
        BurstLoader loader = new BurstLoader();
        producer.accept(loader);
        loader.flush();
        ldWe.set(0);
        sim.eval();
        return loader.total;
    }

    private final class BurstLoader implements LoadSink {
        private final long[] data = new long[ldData.longCount()];
        private int rows;
        private long total;

        @Override
        public void word(int select, int bank, int address, long[] limbs) {
            loadBatch.set(rows, ldWe, 1);
            loadBatch.set(rows, ldSel, select);
            loadBatch.set(rows, ldBank, bank);
            loadBatch.set(rows, ldAddr, address);
            int n = Math.min(data.length, limbs.length);
            System.arraycopy(limbs, 0, data, 0, n);
            if (n < data.length) Arrays.fill(data, n, data.length, 0);
            loadBatch.setLongs(rows, ldData, data);
            total++;
            if (++rows == BURST) flush();
        }

        void flush() {
            if (rows > 0) loadBatch.run(rows);
            rows = 0;
        }
    }

    /**
     * Starts the run described by the registers and clocks until done.
     *
     * @param expectedCycles the cycle model's prediction: clocked in one go before polling
     * @param progress       told the cycles clocked so far, now and then (may be null)
     * @return the CYCLES register: compute cycles of the run
     */
    public long run(long expectedCycles, LongConsumer progress) {
        writeRegisters(List.of(new RegisterWrite(Register.CTRL, 0, 1)));
        long clocked = 0;
        long chunk = Math.max(1, Math.min(expectedCycles, 1L << 16));
        while (clocked < expectedCycles) {
            long n = Math.min(chunk, expectedCycles - clocked);
            sim.step(n);
            clocked += n;
            if (progress != null) progress.accept(clocked);
        }
        long limit = 2 * expectedCycles + HANG_SLACK;
        while (done.get() == 0) {
            if (clocked >= limit) {
                throw new EngineHangException("the engine did not finish within " + clocked
                        + " cycles (the cycle model predicts " + expectedCycles + ")");
            }
            sim.step(16);
            clocked += 16;
        }
        return readRegister(Register.CYCLES);
    }

    /** Reads output words 0..count-1, OCP bytes each, through the one-cycle read port. */
    public byte[] readOutput(int count) {
        byte[] out = new byte[count * outBytes];
        long[] limbs = new long[rdData.longCount()];
        for (int from = 0; from < count; from += BURST) {
            int n = Math.min(BURST, count - from);
            for (int i = 0; i < n; i++) readBatch.set(i, rdAddr, from + i);
            readBatch.run(n);
            for (int i = 0; i < n; i++) {
                readBatch.getLongs(i, rdData, limbs);
                int base = (from + i) * outBytes;
                for (int b = 0; b < outBytes; b++) out[base + b] = (byte) (limbs[b / 8] >>> (8 * (b % 8)));
            }
        }
        return out;
    }

    @Override
    public void close() {
        sim.close();
    }
}
