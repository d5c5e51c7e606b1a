package org.jdpu.rtl.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.HostPort;
import org.jdpu.arch.Register;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.arch.isa.ControlRegister;
import org.jdpu.arch.isa.Instruction;
import org.jdpu.hdl.Design;
import org.jdpu.hdl.emit.VerilogOutput;
import org.jdpu.hdl.lib.Axi4;
import org.jdpu.sim.CompiledModel;
import org.jdpu.sim.ModelSpec;
import org.jdpu.sim.Port;
import org.jdpu.sim.Simulator;
import org.jdpu.sim.Verilator;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * Drives the Verilated {@link NetBench} cycle by cycle, playing everything around the control
 * block in Java: an AXI4-Lite master (register reads and writes), the instruction memory as an
 * AXI4 read slave with random back-pressure and latency (and error responses where asked), and the
 * LOAD and SAVE DMA engines (random command acceptance, done or fault after the work). Every cycle:
 * the models drive their inputs from their state, the design settles, the models sample the
 * handshakes, one clock edge.
 */
final class NetHarness implements AutoCloseable {
    static final DpuConfig CONFIG = DpuConfig.parse("2x8x4:act=64,wgt=64,out=64,bias=16");
    static final AxiConfig AXI = AxiConfig.DEFAULT;

    /** Builds (or finds in the cache) the Verilated bench. */
    static CompiledModel model() {
        Path dir = Path.of("target", "hw-tests", NetBench.TOP);
        VerilogOutput out = Design.elaborate(() -> new NetBench(CONFIG, AXI)).write(dir, NetBench.TOP);
        List<Path> files = out.files().stream().map(f -> dir.resolve(f.name())).toList();
        return Verilator.build(ModelSpec.of(NetBench.TOP, files));
    }

    final Simulator sim;
    final Random rnd;
    long cycle;
    final AxiLiteMaster axil;
    final Memory mem;
    final Dma load, save;
    private final Port irq, coreBusy, coreDone, coreRegWe, coreRegAddr;
    /** Cycles at which the core's CTRL was written (run starts) and its done rose. */
    final List<Long> coreStarts = new ArrayList<>(), coreDones = new ArrayList<>();
    private boolean lastCoreDone;

    NetHarness(CompiledModel model, long seed) {
        sim = model.open();
        rnd = new Random(seed);
        axil = new AxiLiteMaster();
        mem = new Memory();
        load = new Dma("load", true);
        save = new Dma("save", false);
        irq = sim.port("irq");
        coreBusy = sim.port("core_busy");
        coreDone = sim.port("core_done");
        coreRegWe = sim.port("core_reg_we");
        coreRegAddr = sim.port("core_reg_addr");
        sim.port(HostPort.LD_WE.portName()).set(0);
        sim.reset(2);
    }

    @Override
    public void close() {
        sim.close();
    }

    void tick() {
        axil.drive();
        mem.drive();
        load.drive();
        save.drive();
        sim.eval();
        axil.sample();
        mem.sample();
        load.sample();
        save.sample();
        if (coreRegWe.get() == 1 && coreRegAddr.get() == Register.CTRL.address()) coreStarts.add(cycle);
        boolean d = coreDone.get() == 1;
        if (d && !lastCoreDone) coreDones.add(cycle);
        lastCoreDone = d;
        sim.step();
        cycle++;
    }

    boolean irq() {
        sim.eval();
        return irq.get() == 1;
    }

    boolean coreBusy() {
        sim.eval();
        return coreBusy.get() == 1;
    }

    /** Clocks until the interrupt is high; fails after {@code watchdog} cycles. Returns the cycle it rose. */
    long runUntilIrq(long watchdog) {
        long limit = cycle + watchdog;
        while (!irq()) {
            if (cycle >= limit) throw new AssertionError("no interrupt within " + watchdog + " cycles (hang)");
            tick();
        }
        return cycle;
    }

    // ---- registers

    long read(ControlRegister r, int i) {
        return axil.read(r.offset(i));
    }

    long read(ControlRegister r) {
        return read(r, 0);
    }

    void write(ControlRegister r, int i, long v) {
        axil.write(r.offset(i), v, 0xF);
    }

    void write(ControlRegister r, long v) {
        write(r, 0, v);
    }

    /**
     * Places {@code program} at {@code addr}, sets INSTR_* and regions 0..3 (base 0x1000_0000 * (n+1), bound
     * 0x10000 * (n+1)), writes START; returns the cycle the write's response came (the first cycle of the run).
     */
    long start(List<Instruction> program, long addr, long count) {
        return start(encode(program), addr, count);
    }

    /** {@link #start(List, long, long)} with a program given as bytes (which may hold any words). */
    long start(byte[] program, long addr, long count) {
        mem.load(addr, program, count);
        write(ControlRegister.INSTR_ADDR_LO, addr & 0xFFFFFFFFL);
        write(ControlRegister.INSTR_ADDR_HI, addr >>> 32);
        write(ControlRegister.INSTR_COUNT, count);
        for (int n = 0; n < 4; n++) {
            write(ControlRegister.BASE_LO, n, regionBase(n) & 0xFFFFFFFFL);
            write(ControlRegister.BASE_HI, n, regionBase(n) >>> 32);
            write(ControlRegister.BOUND, n, regionBound(n));
        }
        write(ControlRegister.CTRL, 1);
        return axil.lastResponseCycle;
    }

    static long regionBase(int n) {
        return 0x10_0000_0000L * (n + 1) + 0x40L * n;
    }

    static long regionBound(int n) {
        return 0x10000L * (n + 1);
    }

    static byte[] encode(List<Instruction> program) {
        return bytes(program.stream().map(Instruction::encode).toList());
    }

    /** Instruction words, little-endian, one instruction after the other. */
    static byte[] bytes(List<int[]> words) {
        byte[] b = new byte[words.size() * Instruction.BYTES];
        for (int i = 0; i < words.size(); i++) {
            int[] w = words.get(i);
            for (int k = 0; k < w.length; k++) {
                for (int j = 0; j < 4; j++) b[i * Instruction.BYTES + 4 * k + j] = (byte) (w[k] >>> (8 * j));
            }
        }
        return b;
    }

    /** Words of {@code x} with field {@code f} set to {@code value} (which the encoder may refuse). */
    static int[] with(Instruction x, org.jdpu.arch.isa.Field f, long value) {
        int[] w = x.encode();
        long mask = f.mask() << f.lsb();
        w[f.word()] = (int) ((Integer.toUnsignedLong(w[f.word()]) & ~mask) | ((value << f.lsb()) & mask));
        return w;
    }

    // ---- the AXI4-Lite master

    /** Register reads and writes with real handshakes; address and data of a write go out in random order. */
    final class AxiLiteMaster {
        private final Port awaddr = sim.port("s_axi_awaddr"), awvalid = sim.port("s_axi_awvalid"),
                awready = sim.port("s_axi_awready"), awprot = sim.port("s_axi_awprot"),
                wdata = sim.port("s_axi_wdata"), wstrb = sim.port("s_axi_wstrb"), wvalid = sim.port("s_axi_wvalid"),
                wready = sim.port("s_axi_wready"), bvalid = sim.port("s_axi_bvalid"), bready = sim.port("s_axi_bready"),
                bresp = sim.port("s_axi_bresp"), araddr = sim.port("s_axi_araddr"), arvalid = sim.port("s_axi_arvalid"),
                arready = sim.port("s_axi_arready"), arprot = sim.port("s_axi_arprot"), rdata = sim.port("s_axi_rdata"),
                rvalid = sim.port("s_axi_rvalid"), rready = sim.port("s_axi_rready"), rresp = sim.port("s_axi_rresp");
        private boolean aw, w, b, ar, r;
        private int awDelay, wDelay;
        private long readValue;
        long lastResponseCycle;
        private static final int LIMIT = 200;

        void drive() {
            awvalid.set(aw && awDelay == 0 ? 1 : 0);
            wvalid.set(w && wDelay == 0 ? 1 : 0);
            bready.set(b && rnd.nextInt(3) != 0 ? 1 : 0);
            arvalid.set(ar ? 1 : 0);
            rready.set(r && rnd.nextInt(3) != 0 ? 1 : 0);
            awprot.set(0);
            arprot.set(0);
        }

        void sample() {
            if (aw && awDelay == 0 && awready.get() == 1) aw = false;
            if (w && wDelay == 0 && wready.get() == 1) w = false;
            if (awDelay > 0) awDelay--;
            if (wDelay > 0) wDelay--;
            if (b && bvalid.get() == 1 && bready.get() == 1) {
                if (bresp.get() != Axi4.RESP_OKAY) throw new AssertionError("write response " + bresp.get());
                b = false;
                lastResponseCycle = cycle;
            }
            if (ar && arready.get() == 1) ar = false;
            if (r && rvalid.get() == 1 && rready.get() == 1) {
                if (rresp.get() != Axi4.RESP_OKAY) throw new AssertionError("read response " + rresp.get());
                readValue = rdata.get() & 0xFFFFFFFFL;
                r = false;
            }
        }

        void write(long addr, long value, int strobes) {
            awaddr.set(addr);
            wdata.set(value & 0xFFFFFFFFL);
            wstrb.set(strobes);
            aw = w = b = true;
            awDelay = rnd.nextInt(3);
            wDelay = rnd.nextInt(3);
            long limit = cycle + LIMIT;
            long firstB = -1;
            while (aw || w || b) {
                if (cycle > limit) throw new AssertionError("AXI4-Lite write to 0x" + Long.toHexString(addr) + " hangs");
                sim.eval();
                if (firstB < 0 && bvalid.get() == 1) firstB = cycle;
                tick();
            }
            lastResponseCycle = firstB;
        }

        long read(long addr) {
            araddr.set(addr);
            ar = r = true;
            long limit = cycle + LIMIT;
            while (ar || r) {
                if (cycle > limit) throw new AssertionError("AXI4-Lite read of 0x" + Long.toHexString(addr) + " hangs");
                tick();
            }
            return readValue;
        }
    }

    // ---- the instruction memory

    /** An AXI4 read slave over a byte array at {@code base}; beats of {@link #errorBeats} answer SLVERR. */
    final class Memory {
        private final Port arvalid = sim.port("m_axi_arvalid"), arready = sim.port("m_axi_arready"),
                araddr = sim.port("m_axi_araddr"), arlen = sim.port("m_axi_arlen"), arsize = sim.port("m_axi_arsize"),
                arburst = sim.port("m_axi_arburst"), rvalid = sim.port("m_axi_rvalid"), rready = sim.port("m_axi_rready"),
                rdata = sim.port("m_axi_rdata"), rresp = sim.port("m_axi_rresp"), rlast = sim.port("m_axi_rlast"),
                rid = sim.port("m_axi_rid"), awvalid = sim.port("m_axi_awvalid"), wvalid = sim.port("m_axi_wvalid"),
                awready = sim.port("m_axi_awready"), wready = sim.port("m_axi_wready"), bvalid = sim.port("m_axi_bvalid");
        private long base;
        private byte[] bytes = new byte[0];
        final Set<Long> errorBeats = new HashSet<>();
        final List<String> violations = new ArrayList<>();
        private final Deque<long[]> bursts = new ArrayDeque<>();
        private long[] current;
        private int beat, gap;
        private boolean arReady;
        long arCount, lastArCycle = -1;
        /** 0..99: percent of cycles with back-pressure or a gap. */
        int stall = 30;
        int latency = 4;
        private long latencyLeft;

        private long limit;

        /** The program at {@code at}; reads beyond its INSTR_COUNT instructions are violations. */
        void load(long at, byte[] program, long count) {
            base = at;
            bytes = program;
            limit = count * Instruction.BYTES;
        }

        void drive() {
            arReady = rnd.nextInt(100) >= stall;
            arready.set(arReady ? 1 : 0);
            awready.set(0);
            wready.set(0);
            bvalid.set(0);
            rid.set(0);
            if (current == null && !bursts.isEmpty() && latencyLeft-- <= 0) {
                current = bursts.poll();
                beat = 0;
                gap = 0;
            }
            boolean v = current != null && gap == 0;
            rvalid.set(v ? 1 : 0);
            if (v) {
                long addr = current[0] + 16L * beat;
                long[] d = new long[2];
                for (int i = 0; i < 16; i++) {
                    long off = addr + i - base;
                    long b = off >= 0 && off < bytes.length ? bytes[(int) off] & 0xFF : 0;
                    d[i / 8] |= b << (8 * (i % 8));
                }
                rdata.setLongs(d);
                rresp.set(errorBeats.contains(addr) ? Axi4.RESP_SLVERR : Axi4.RESP_OKAY);
                rlast.set(beat == current[1] ? 1 : 0);
            } else {
                rlast.set(0);
                rresp.set(0);
            }
        }

        void sample() {
            if (awvalid.get() != 0 || wvalid.get() != 0) violations.add("write channel used at cycle " + cycle);
            if (arvalid.get() == 1 && arReady) {
                long addr = araddr.get(), len = arlen.get();
                if (arsize.get() != 4) violations.add("arsize " + arsize.get());
                if (arburst.get() != Axi4.BURST_INCR) violations.add("arburst " + arburst.get());
                if (len + 1 > AXI.burstBeats()) violations.add("burst of " + (len + 1) + " beats");
                if ((addr & ~0xFFFL) != ((addr + 16 * (len + 1) - 1) & ~0xFFFL)) {
                    violations.add("burst at 0x" + Long.toHexString(addr) + " of " + (len + 1) + " beats crosses 4 KiB");
                }
                if (addr < base || addr + 16 * (len + 1) > base + limit) {
                    violations.add("read past INSTR_COUNT at 0x" + Long.toHexString(addr));
                }
                bursts.add(new long[] {addr, len});
                arCount++;
                lastArCycle = cycle;
                if (latencyLeft <= 0) latencyLeft = latency;
            }
            if (current != null && gap == 0 && rready.get() == 1) {
                if (beat == current[1]) {
                    current = null;
                    latencyLeft = latency;
                } else {
                    beat++;
                }
                if (current != null && rnd.nextInt(100) < stall) gap = 1 + rnd.nextInt(3);
            } else if (gap > 0) {
                gap--;
            }
        }
    }

    // ---- the DMA engines

    /** One accepted command with the cycle it was taken and when it finished (or -1). */
    record Command(long cycle, int target, long base, long bound, long offset, long index, int n0, int n1,
                   long s0, long s1, long d0, long d1) {}

    /** What a DMA model does with a command: cycles of work, and the fault code to report instead of done (0: done). */
    record Behaviour(int cycles, int faultCode) {}

    /**
     * A DMA engine: takes one command at a time (ready at random while idle), is busy from the next cycle,
     * pulses done (or fault) when its work is over. While busy, a LOAD model writes {@link #words} into
     * the core's load port one per cycle and a SAVE model reads {@link #saveWords} output words.
     */
    final class Dma {
        private final String name;
        private final Port valid, ready, base, bound, offset, index, n0, n1, s0, s1, d0, d1, target, done, fault,
                faultCode, busy, abort;
        final List<Command> commands = new ArrayList<>();
        final List<Long> finishes = new ArrayList<>(), faults = new ArrayList<>();
        /** Ends the current command's work at once when true (to place a fault at a chosen moment). */
        java.util.function.BooleanSupplier finishEarly = () -> false;
        Function<Command, Behaviour> behaviour = c -> new Behaviour(3, 0);
        /** LOAD: words to write into the core per command (select, bank, address, data limbs). */
        Function<Command, List<long[]>> words = c -> List.of();
        /** SAVE: output-buffer words to read per command, and where the read data goes. */
        Function<Command, Integer> saveWords = c -> 0;
        final List<byte[]> saved = new ArrayList<>();
        boolean abortSeen;
        /**
         * Takes commands while busy too, as the real LOAD engine does: each works its cycles at the
         * same time as the others, they finish in order (a done or fault pulse each, one per cycle),
         * and after a fault no command is taken. No load-port words in this mode.
         */
        boolean pipelined;
        /** The most commands in flight at once (pipelined mode). */
        int maxInFlight;
        private final java.util.ArrayDeque<int[]> inFlight = new java.util.ArrayDeque<>();
        private boolean stopped;
        private Command current;
        private int left, faultToSend;
        private List<long[]> pending = List.of();
        private int wordAt, readAt, reads;
        private byte[] saving;
        private final Port ldWe, ldSel, ldBank, ldAddr, ldData, rdAddr, rdData;

        Dma(String name, boolean isLoad) {
            this.name = name;
            valid = sim.port(name + "_cmd_valid");
            ready = sim.port(name + "_cmd_ready");
            base = sim.port(name + "_cmd_base");
            bound = sim.port(name + "_cmd_bound");
            offset = sim.port(name + "_cmd_offset");
            index = sim.port(name + "_cmd_index");
            n0 = sim.port(name + "_cmd_n0");
            n1 = sim.port(name + "_cmd_n1");
            s0 = sim.port(name + "_cmd_s0");
            s1 = sim.port(name + "_cmd_s1");
            d0 = sim.port(name + "_cmd_d0");
            d1 = sim.port(name + "_cmd_d1");
            target = isLoad ? sim.port(name + "_cmd_target") : null;
            done = sim.port(name + "_done");
            fault = sim.port(name + "_fault");
            faultCode = sim.port(name + "_fault_code");
            busy = sim.port(name + "_busy");
            abort = sim.port(name + "_abort");
            ldWe = sim.port(HostPort.LD_WE.portName());
            ldSel = sim.port(HostPort.LD_SEL.portName());
            ldBank = sim.port(HostPort.LD_BANK.portName());
            ldAddr = sim.port(HostPort.LD_ADDR.portName());
            ldData = sim.port(HostPort.LD_DATA.portName());
            rdAddr = sim.port(HostPort.RD_ADDR.portName());
            rdData = sim.port(HostPort.RD_DATA.portName());
        }

        boolean busy() {
            return pipelined ? !inFlight.isEmpty() : current != null;
        }

        void drive() {
            if (pipelined) {
                ready.set(!stopped && rnd.nextInt(3) != 0 ? 1 : 0);
                busy.set(inFlight.isEmpty() ? 0 : 1);
                int[] head = inFlight.peekFirst();
                boolean ends = head != null && head[0] == 0;
                done.set(ends && head[1] == 0 ? 1 : 0);
                fault.set(ends && head[1] != 0 ? 1 : 0);
                faultCode.set(ends ? head[1] : 0);
                if (target != null) ldWe.set(0);
                return;
            }
            ready.set(current == null && rnd.nextInt(3) != 0 ? 1 : 0);
            busy.set(current != null ? 1 : 0);
            boolean finishing = finishing();
            done.set(finishing && faultToSend == 0 ? 1 : 0);
            fault.set(finishing && faultToSend != 0 ? 1 : 0);
            faultCode.set(finishing ? faultToSend : 0);
            if (target != null) {
                boolean write = current != null && wordAt < pending.size();
                ldWe.set(write ? 1 : 0);
                if (write) {
                    long[] w = pending.get(wordAt);
                    ldSel.set(w[0]);
                    ldBank.set(w[1]);
                    ldAddr.set(w[2]);
                    long[] limbs = new long[ldData.longCount()];
                    System.arraycopy(w, 3, limbs, 0, Math.min(limbs.length, w.length - 3));
                    ldData.setLongs(limbs);
                }
            } else if (current != null && readAt < reads) {
                rdAddr.set(readAt);
            }
        }

        void sample() {
            if (pipelined) {
                if (abort.get() == 1) {
                    if (!inFlight.isEmpty()) abortSeen = true;
                    inFlight.clear();
                    return;
                }
                int[] head = inFlight.peekFirst();
                if (head != null && head[0] == 0) {
                    (head[1] == 0 ? finishes : faults).add(cycle);
                    if (head[1] != 0) stopped = true;
                    inFlight.pollFirst();
                }
                for (int[] c : inFlight) if (c[0] > 0) c[0]--;
                if (valid.get() == 1 && ready.get() == 1) {
                    Command c = new Command(cycle, target == null ? -1 : (int) target.get(), base.get(), bound.get(),
                            offset.get(), index.get(), (int) n0.get(), (int) n1.get(), s0.get(), s1.get(), d0.get(),
                            d1.get());
                    commands.add(c);
                    Behaviour b = behaviour.apply(c);
                    inFlight.addLast(new int[] {Math.max(1, b.cycles()), b.faultCode()});
                    maxInFlight = Math.max(maxInFlight, inFlight.size());
                }
                return;
            }
            if (current == null) {
                if (valid.get() == 1 && ready.get() == 1) accept();
                return;
            }
            if (abort.get() == 1) {
                abortSeen = true;
                current = null;
                ldIdle();
                return;
            }
            if (finishing()) {
                (faultToSend == 0 ? finishes : faults).add(cycle);
                if (saving != null) saved.add(saving);
                current = null;
                ldIdle();
                return;
            }
            if (target == null && saving != null) {
                if (readAt > 0 && readAt <= reads) {
                    byte[] got = rdData.getBytes();
                    int ocp = CONFIG.ocp();
                    System.arraycopy(got, 0, saving, (readAt - 1) * ocp, ocp);
                }
                if (readAt <= reads) readAt++;
            }
            if (target != null && wordAt < pending.size()) wordAt++;
            if (workDone() && left > 0) left--;
            if (finishEarly.getAsBoolean()) left = 0;
        }

        private boolean workDone() {
            return target != null ? wordAt >= pending.size() : readAt > reads;
        }

        private boolean finishing() {
            return current != null && left == 0 && workDone();
        }

        private void ldIdle() {
            if (target != null) ldWe.set(0);
        }

        private void accept() {
            Command c = new Command(cycle, target == null ? -1 : (int) target.get(), base.get(), bound.get(),
                    offset.get(), index.get(), (int) n0.get(), (int) n1.get(), s0.get(), s1.get(), d0.get(), d1.get());
            commands.add(c);
            current = c;
            Behaviour b = behaviour.apply(c);
            left = b.cycles();
            faultToSend = b.faultCode();
            if (target != null) {
                pending = words.apply(c);
                wordAt = 0;
            } else {
                reads = saveWords.apply(c);
                readAt = 0;
                saving = reads > 0 ? new byte[reads * CONFIG.ocp()] : null;
                if (reads == 0) readAt = 1;
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
