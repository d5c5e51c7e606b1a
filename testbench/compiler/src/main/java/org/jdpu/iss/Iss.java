package org.jdpu.iss;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.LoadTarget;
import org.jdpu.arch.Register;
import org.jdpu.arch.isa.Fault;
import org.jdpu.arch.isa.Field;
import org.jdpu.arch.isa.Instruction;
import org.jdpu.arch.isa.InstructionFormatException;
import org.jdpu.arch.isa.Opcode;
import org.jdpu.arch.isa.Queue;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The instruction-set simulator: executes a program one instruction at a time in program order,
 * with the engine's semantics (the network engine's "Instruction semantics") and no timing.
 * Because it is sequential, a WAIT on a token no earlier instruction has given is reported as
 * {@link Fault#DEADLOCK}; programs that pass here are "sequentially valid".
 *
 * <p>Execution of one instruction of queue Q: take one token from counter (P -> Q) for every WAIT
 * bit P other than Q (zero: DEADLOCK); execute; then give one token to counter (Q -> D) for every
 * SIGNAL bit D other than Q (one past 255: TOKEN_OVERFLOW, after the instruction's effects, since
 * the hardware signals when the instruction has finished). END stops; its tokens are ignored.
 * A faulting LOAD or SAVE is checked element by element, in loop order (region bound first, then
 * the buffer range), before any of its elements is moved, so it moves nothing; CONFIG likewise
 * checks every address, then every value against {@link Register#allowed} (a kernel size outside
 * 1..16 or a loop count of 0 is BAD_REGISTER, as in the hardware's decoder), before writing any. A
 * CONV whose kernel sizes and loop counts were never written is BAD_REGISTER too. The first fault
 * stops the program.
 *
 * <p>Where the hardware may report a different first fault: it decodes ahead of execution (the
 * fetch unit prefetches and the queues run in parallel), so a fault found by the decoder (BAD_OPCODE,
 * BAD_REGISTER of a CONFIG, BANK_RANGE of a LOAD target, AXI_RESPONSE on a fetch, FETCH_BOUNDS) can
 * stop the program before an earlier instruction that would itself fault (a LOAD out of bounds, a
 * WAIT nobody signals) has executed, and instructions before the faulting one may be cut short
 * (a SAVE still writing) or never started. Here every instruction before the faulting one has
 * fully executed.
 */
public final class Iss {
    private final OnChipBuffers buffers;
    private final DpuConfig config;
    private final Ddr ddr;
    private final TokenCounters tokens = new TokenCounters();
    private final Map<Queue, Integer> executed = new EnumMap<>(Queue.class);
    private long elementsLoaded, elementsSaved, bytesRead, bytesWritten, outputWords;
    private int runs;
    private final long[] bytesByInstruction;

    private Iss(OnChipBuffers buffers, Ddr ddr, int instructions) {
        this.buffers = buffers;
        this.config = buffers.config();
        this.ddr = ddr;
        this.bytesByInstruction = new long[instructions];
        for (Queue q : Queue.values()) executed.put(q, 0);
    }

    /** Runs {@code program} on fresh (zeroed) buffers of configuration {@code c}. */
    public static IssResult run(DpuConfig c, List<Instruction> program, Ddr ddr) {
        return run(new OnChipBuffers(c), program, ddr);
    }

    /** Runs {@code program} on {@code buffers} as they are (e.g. preloaded), changing them in place. */
    public static IssResult run(OnChipBuffers buffers, List<Instruction> program, Ddr ddr) {
        return new Iss(buffers, ddr, program.size()).execute(program.size(), program::get);
    }

    /**
     * Runs a program given as its words ({@value Instruction#WORDS} per instruction, INSTR_COUNT =
     * words / {@value Instruction#WORDS}); an instruction is decoded when it is reached, and one that
     * does not decode is the fault its {@link InstructionFormatException} names.
     */
    public static IssResult run(DpuConfig c, int[] words, Ddr ddr) {
        return run(new OnChipBuffers(c), words, ddr);
    }

    public static IssResult run(OnChipBuffers buffers, int[] words, Ddr ddr) {
        if (words.length % Instruction.WORDS != 0) {
            throw new IllegalArgumentException("a program has a multiple of " + Instruction.WORDS + " words, not " + words.length);
        }
        int count = words.length / Instruction.WORDS;
        return new Iss(buffers, ddr, count).execute(count, i -> Instruction.decode(
                java.util.Arrays.copyOfRange(words, i * Instruction.WORDS, (i + 1) * Instruction.WORDS)));
    }

    /** A fault: stops the program. */
    private static final class Stop extends RuntimeException {
        final Fault fault;

        Stop(Fault fault, String detail) {
            super(detail, null, false, false);
            this.fault = fault;
        }
    }

    private IssResult execute(int count, IntFunction<Instruction> fetch) {
        for (int i = 0; ; i++) {
            if (i >= count) return result(Fault.FETCH_BOUNDS, i, "no END among the " + count + " instructions");
            Instruction in;
            try {
                in = fetch.apply(i);
            } catch (InstructionFormatException e) {
                return result(e.fault(), i, e.getMessage());
            }
            if (in.opcode() == Opcode.END) return result(Fault.NONE, -1, "");
            try {
                step(i, in);
            } catch (Stop s) {
                return result(s.fault, i, s.getMessage());
            }
        }
    }

    private void step(int index, Instruction in) {
        Queue q = in.opcode().queue();
        for (Queue p : in.waitOn()) {
            if (p != q && tokens.get(p, q) == 0) {
                throw new Stop(Fault.DEADLOCK, in.opcode().mnemonic() + " waits for a " + p.label() + " -> " + q.label()
                        + " token that no earlier instruction gave");
            }
        }
        for (Queue p : in.waitOn()) {
            if (p != q) tokens.take(p, q);
        }
        switch (in.opcode()) {
            case LOAD -> load(index, in);
            case SAVE -> save(index, in);
            case CONFIG -> config(in);
            case CONV -> conv();
            case NOP -> { }
            case END -> throw new IllegalStateException("END is handled by the fetch loop");
        }
        for (Queue d : in.signal()) {
            if (d != q && !tokens.give(q, d)) {
                throw new Stop(Fault.TOKEN_OVERFLOW, "counter " + q.label() + " -> " + d.label() + " would pass "
                        + TokenCounters.MAX);
            }
        }
        executed.merge(q, 1, Integer::sum);
    }

    // ---- DMA

    /** One element of a LOAD or SAVE: its DDR offset and buffer index, both modulo 2^32. */
    @FunctionalInterface
    interface Element {
        void at(long offset, long index);
    }

    /**
     * Walks the two loops, i1 outer: {@code off = OFFSET + i0*S0 + i1*S1}, {@code idx = INDEX +
     * i0*D0 + i1*D1}, modulo 2^32 (S0/S1 two's complement; for D it makes no difference).
     */
    static void forEachElement(Instruction in, Element e) {
        long n0 = in.get(Field.N0), n1 = in.get(Field.N1);
        long offset = in.get(Field.OFFSET), index = in.get(Field.INDEX);
        long s0 = in.signed32(Field.S0), s1 = in.signed32(Field.S1);
        long d0 = in.get(Field.D0), d1 = in.get(Field.D1);
        for (long i1 = 0; i1 < n1; i1++) {
            for (long i0 = 0; i0 < n0; i0++) {
                e.at((offset + i0 * s0 + i1 * s1) & 0xFFFFFFFFL, (index + i0 * d0 + i1 * d1) & 0xFFFFFFFFL);
            }
        }
    }

    private static long elements(Instruction in) {
        return in.get(Field.N0) * in.get(Field.N1);
    }

    /** {@code off + bytes <= BOUND[region]}, computed without wrap. */
    private void checkRegion(int region, long offset, int bytes, String what) {
        if (offset + bytes > ddr.bound(region)) {
            throw new Stop(Fault.REGION_BOUNDS, what + " bytes " + offset + ".." + (offset + bytes - 1) + " of region "
                    + region + " are beyond its bound " + ddr.bound(region));
        }
    }

    private void load(int instr, Instruction in) {
        long code = in.get(Field.TARGET);
        if (code > LoadTarget.BIAS.code()) {
            throw new Stop(Fault.BANK_RANGE, "load target " + code + " is not a buffer");
        }
        LoadTarget target = LoadTarget.values()[(int) code];
        int bytes = target == LoadTarget.BIAS ? 4 : config.icp();
        int region = (int) in.get(Field.REGION);
        forEachElement(in, (off, idx) -> {
            checkRegion(region, off, bytes, "load");
            if (!inBuffer(config, target, idx)) {
                throw new Stop(Fault.BANK_RANGE, "load index " + idx + " is outside the " + target.name().toLowerCase(
                        java.util.Locale.ROOT) + " buffer");
            }
        });
        byte[] image = ddr.region(region);
        int banks = config.actBanks();
        forEachElement(in, (off, idx) -> {
            switch (target) {
                case ACTIVATIONS -> buffers.load(target, (int) (idx % banks), (int) (idx / banks), image, (int) off);
                case WEIGHTS, BIAS -> buffers.load(target, (int) (idx & 63), (int) (idx >>> 6), image, (int) off);
            }
        });
        long n = elements(in);
        elementsLoaded += n;
        bytesRead += n * bytes;
        bytesByInstruction[instr] = n * bytes;
    }

    /**
     * The destination mapping: activations {@code idx < capacity} (bank idx mod actBanks, address
     * idx / actBanks); weights and bias bank {@code idx & 63 < OCP}, address {@code idx >> 6} below
     * the bank depth.
     */
    static boolean inBuffer(DpuConfig config, LoadTarget target, long idx) {
        return switch (target) {
            case ACTIVATIONS -> idx < config.actCapacityWords();
            case WEIGHTS -> (idx & 63) < config.ocp() && (idx >>> 6) < config.weightBankDepth();
            case BIAS -> (idx & 63) < config.ocp() && (idx >>> 6) < config.biasLoadDepth();
        };
    }

    private void save(int instr, Instruction in) {
        int bytes = config.ocp();
        int region = (int) in.get(Field.REGION);
        forEachElement(in, (off, idx) -> {
            checkRegion(region, off, bytes, "save");
            if (idx >= config.outputDepth()) {
                throw new Stop(Fault.BANK_RANGE, "save index " + idx + " is outside the output buffer");
            }
        });
        byte[] image = ddr.region(region);
        byte[] out = buffers.outputArray();
        forEachElement(in, (off, idx) -> System.arraycopy(out, (int) idx * bytes, image, (int) off, bytes));
        long n = elements(in);
        elementsSaved += n;
        bytesWritten += n * bytes;
        bytesByInstruction[instr] = n * bytes;
    }

    // ---- CONV queue

    private void config(Instruction in) {
        long n = in.get(Field.COUNT);
        if (n < 1 || n > Field.VALUES.length) {
            throw new Stop(Fault.BAD_REGISTER, "config count " + n + " is outside 1.." + Field.VALUES.length);
        }
        int reg = (int) in.get(Field.REG);
        for (int i = 0; i < n; i++) {
            Register target = OnChipBuffers.writable(reg + i);
            if (target == null || !target.presentIn(config)) {
                throw new Stop(Fault.BAD_REGISTER, "config address 0x" + Integer.toHexString(reg + i)
                        + " is not a writable descriptor register");
            }
        }
        for (int i = 0; i < n; i++) {
            Register r = OnChipBuffers.writable(reg + i);
            Register.ValueRange allowed = r.allowed(buffers.widths());
            long v = in.get(Field.VALUES[i]);
            if (allowed != null && !allowed.contains(v)) {
                throw new Stop(Fault.BAD_REGISTER, "config writes " + v + " to " + r + ", outside " + allowed);
            }
        }
        for (int i = 0; i < n; i++) buffers.writeRegister(reg + i, in.get(Field.VALUES[i]));
    }

    /**
     * The hardware refuses a CONV before every range-checked register has been written since
     * reset; here the registers start at 0, outside every such range, and a CONFIG can only leave
     * them inside, so checking the values is the same rule.
     */
    private void conv() {
        for (Register r : Register.rangeCheckedRegisters()) {
            long v = buffers.register(r);
            if (!r.allowed(buffers.widths()).contains(v)) {
                throw new Stop(Fault.BAD_REGISTER, "conv with " + r + " = " + v + " (not written since reset), outside "
                        + r.allowed(buffers.widths()));
            }
        }
        ConvCore.RunStats s = PoolCore.selected(buffers) ? PoolCore.run(buffers) : ConvCore.run(buffers);
        runs++;
        outputWords += s.wordsWritten();
    }

    private IssResult result(Fault fault, int index, String detail) {
        return new IssResult(fault, index, detail, executed, elementsLoaded, elementsSaved, bytesRead, bytesWritten,
                runs, outputWords, bytesByInstruction, tokens, buffers);
    }
}
