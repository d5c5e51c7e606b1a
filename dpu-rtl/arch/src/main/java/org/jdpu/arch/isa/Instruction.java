package org.jdpu.arch.isa;

import org.jdpu.arch.LoadTarget;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * One instruction: an opcode, the queues whose tokens it waits for, the queues it signals when it
 * has finished, and its fields. In memory it is {@value #WORDS} little-endian 32-bit words
 * ({@value #BYTES} bytes), laid out by {@link Field}. Bits no field of the opcode uses are zero when
 * encoded and ignored when decoded, as the hardware ignores them.
 *
 * @param opcode the operation
 * @param waitOn queues it takes one token from each before it starts
 * @param signal queues it gives one token each when it has finished
 * @param values the opcode's fields ({@link Opcode#fields()}); missing ones are zero
 */
public record Instruction(Opcode opcode, Set<Queue> waitOn, Set<Queue> signal, Map<Field, Long> values) {

    /** 32-bit words per instruction. */
    public static final int WORDS = 8;
    /** Bytes per instruction in DDR. */
    public static final int BYTES = 4 * WORDS;

    public Instruction {
        waitOn = Collections.unmodifiableSet(waitOn.isEmpty() ? EnumSet.noneOf(Queue.class) : EnumSet.copyOf(waitOn));
        signal = Collections.unmodifiableSet(signal.isEmpty() ? EnumSet.noneOf(Queue.class) : EnumSet.copyOf(signal));
        EnumMap<Field, Long> v = new EnumMap<>(Field.class);
        for (Map.Entry<Field, Long> e : values.entrySet()) {
            Field f = e.getKey();
            if (!opcode.fields().contains(f)) {
                throw new IllegalArgumentException(opcode.mnemonic() + " has no field " + f.label());
            }
            long x = e.getValue();
            boolean fits = f.width() == 32 ? x >= Integer.MIN_VALUE && x <= 0xFFFFFFFFL : x >= 0 && x <= f.mask();
            if (!fits) {
                throw new IllegalArgumentException(opcode.mnemonic() + " " + f.label() + " = " + x
                        + " does not fit its " + f.width() + " bits");
            }
            v.put(f, x & f.mask());
        }
        values = Collections.unmodifiableMap(v);
    }

    /** A field's value (zero if not set), unsigned. */
    public long get(Field f) {
        Long x = values.get(f);
        return x == null ? 0 : x;
    }

    /** A 32-bit field read as two's complement (the DDR steps S0 and S1). */
    public int signed32(Field f) {
        return (int) get(f);
    }

    /** The same instruction with other token masks. */
    public Instruction withTokens(Set<Queue> newWait, Set<Queue> newSignal) {
        return new Instruction(opcode, newWait, newSignal, values);
    }

    /** The instruction's words, word 0 first. */
    public int[] encode() {
        int[] w = new int[WORDS];
        Field.OPCODE.put(w, opcode.code());
        Field.WAIT.put(w, Queue.mask(waitOn));
        Field.SIGNAL.put(w, Queue.mask(signal));
        for (Map.Entry<Field, Long> e : values.entrySet()) e.getKey().put(w, e.getValue());
        return w;
    }

    /**
     * Reads an instruction back from its words.
     *
     * @throws InstructionFormatException for an unknown opcode or a CONFIG count outside 1..6
     */
    public static Instruction decode(int[] words) {
        if (words.length != WORDS) throw new IllegalArgumentException("an instruction has " + WORDS + " words");
        int code = (int) Field.OPCODE.get(words);
        Opcode op = Opcode.ofCode(code);
        if (op == null) throw new InstructionFormatException(Fault.BAD_OPCODE, "unknown opcode 0x" + Integer.toHexString(code));
        Map<Field, Long> v = new EnumMap<>(Field.class);
        for (Field f : op.fields()) v.put(f, f.get(words));
        if (op == Opcode.CONFIG && (v.get(Field.COUNT) < 1 || v.get(Field.COUNT) > Field.VALUES.length)) {
            throw new InstructionFormatException(Fault.BAD_REGISTER, "config count " + v.get(Field.COUNT)
                    + " is outside 1.." + Field.VALUES.length);
        }
        if (op == Opcode.LOAD && v.get(Field.TARGET) > LoadTarget.BIAS.code()) {
            throw new InstructionFormatException(Fault.BANK_RANGE, "load target " + v.get(Field.TARGET)
                    + " is not a buffer (0 activations, 1 weights, 2 bias)");
        }
        return new Instruction(op, Queue.ofMask((int) Field.WAIT.get(words)), Queue.ofMask((int) Field.SIGNAL.get(words)), v);
    }

    // ---- constructors for the compiler

    /** A LOAD into {@code target}: element (i1, i0) comes from {@code offset + i0*s0 + i1*s1} of the region. */
    public static Instruction load(LoadTarget target, int region, long offset, long index, int n0, int n1,
                                   long s0, long s1, long d0, long d1) {
        Map<Field, Long> v = dma(region, offset, index, n0, n1, s0, s1, d0, d1);
        v.put(Field.TARGET, (long) target.code());
        return new Instruction(Opcode.LOAD, Set.of(), Set.of(), v);
    }

    /** A SAVE: output-buffer word {@code index + i0*d0 + i1*d1} goes to {@code offset + i0*s0 + i1*s1}. */
    public static Instruction save(int region, long offset, long index, int n0, int n1, long s0, long s1,
                                   long d0, long d1) {
        return new Instruction(Opcode.SAVE, Set.of(), Set.of(), dma(region, offset, index, n0, n1, s0, s1, d0, d1));
    }

    /** A CONFIG writing {@code values} to registers {@code reg, reg+1, ...} (1..6 of them). */
    public static Instruction config(int reg, long... regValues) {
        if (regValues.length < 1 || regValues.length > Field.VALUES.length) {
            throw new IllegalArgumentException("config writes 1.." + Field.VALUES.length + " registers");
        }
        Map<Field, Long> v = new EnumMap<>(Field.class);
        v.put(Field.REG, (long) reg);
        v.put(Field.COUNT, (long) regValues.length);
        for (int i = 0; i < regValues.length; i++) v.put(Field.VALUES[i], regValues[i] & 0xFFFFFFFFL);
        return new Instruction(Opcode.CONFIG, Set.of(), Set.of(), v);
    }

    public static Instruction conv() {
        return new Instruction(Opcode.CONV, Set.of(), Set.of(), Map.of());
    }

    public static Instruction nop() {
        return new Instruction(Opcode.NOP, Set.of(), Set.of(), Map.of());
    }

    public static Instruction end() {
        return new Instruction(Opcode.END, Set.of(), Set.of(), Map.of());
    }

    private static Map<Field, Long> dma(int region, long offset, long index, int n0, int n1, long s0, long s1,
                                        long d0, long d1) {
        Map<Field, Long> v = new EnumMap<>(Field.class);
        v.put(Field.REGION, (long) region);
        v.put(Field.OFFSET, offset & 0xFFFFFFFFL);
        v.put(Field.INDEX, index & 0xFFFFFFFFL);
        v.put(Field.N0, (long) n0);
        v.put(Field.N1, (long) n1);
        v.put(Field.S0, s0 & 0xFFFFFFFFL);
        v.put(Field.S1, s1 & 0xFFFFFFFFL);
        v.put(Field.D0, d0 & 0xFFFFFFFFL);
        v.put(Field.D1, d1 & 0xFFFFFFFFL);
        return v;
    }

    /** One listing line without index and layer: mnemonic, tokens, fields. */
    public String text() {
        StringBuilder s = new StringBuilder(String.format("%-6s", opcode.mnemonic()));
        s.append(" wait=").append(tokens(waitOn)).append(" signal=").append(tokens(signal));
        for (Field f : opcode.fields()) {
            if (opcode == Opcode.CONFIG && f.name().startsWith("VALUE") && f.ordinal() - Field.VALUE0.ordinal() >= get(Field.COUNT)) {
                continue;
            }
            long x = get(f);
            String shown = switch (f) {
                case S0, S1 -> Integer.toString((int) x);
                case TARGET -> LoadTarget.values()[(int) x].name().toLowerCase(java.util.Locale.ROOT);
                case REG -> String.format("0x%02X", x);
                default -> Long.toString(x);
            };
            s.append(' ').append(f.label()).append('=').append(shown);
        }
        return s.toString();
    }

    /** Token masks as in listings: queue initials, or '-' for none (e.g. {@code LC}). */
    public static String tokens(Set<Queue> qs) {
        if (qs.isEmpty()) return "-";
        StringBuilder s = new StringBuilder();
        for (Queue q : Queue.values()) {
            if (qs.contains(q)) s.append(q.name().charAt(0));
        }
        return s.toString();
    }
}
