package org.jdpu.arch.isa;

import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The instruction set and the control registers as Markdown tables, rendered from {@link Queue},
 * {@link Opcode}, {@link Field}, {@link Fault} and {@link ControlRegister}: dpu-rtl/README.md shows
 * exactly these (its test compares them), so the documentation cannot drift from the encoding.
 */
public final class IsaTables {
    private IsaTables() {}

    /** Queues with their token bit and counter index. */
    public static String queues() {
        StringBuilder s = new StringBuilder("| queue | token bit | counter index | executes |\n|---|---|---|---|\n");
        for (Queue q : Queue.values()) {
            s.append("| ").append(q.name()).append(" | ").append(q.bit()).append(" | ").append(q.index())
                    .append(" | ").append(cell(q.description())).append(" |\n");
        }
        return s.toString();
    }

    /** Opcodes: code, mnemonic, queue, fields, meaning. */
    public static String opcodes() {
        StringBuilder s = new StringBuilder("| code | opcode | queue | fields | meaning |\n|---|---|---|---|---|\n");
        for (Opcode o : Opcode.values()) {
            String fields = o.fields().isEmpty() ? "-"
                    : o.fields().stream().map(f -> "`" + f.label() + "`").collect(Collectors.joining(", "));
            s.append(String.format(Locale.ROOT, "| 0x%X | `%s` | %s | %s | %s |\n", o.code(), o.mnemonic(),
                    o.queue() == null ? "fetch" : o.queue().name(), fields, cell(o.description())));
        }
        return s.toString();
    }

    /** Every field: word, bits, meaning. */
    public static String fields() {
        StringBuilder s = new StringBuilder("| field | word | bits | meaning |\n|---|---|---|---|\n");
        for (Field f : Field.values()) {
            String bits = f.width() == 1 ? Integer.toString(f.lsb()) : f.msb() + ":" + f.lsb();
            s.append("| `").append(f.label()).append("` | ").append(f.word()).append(" | ").append(bits)
                    .append(" | ").append(cell(f.description())).append(" |\n");
        }
        return s.toString();
    }

    /** Fault codes of the FAULT register. */
    public static String faults() {
        StringBuilder s = new StringBuilder("| code | fault | meaning |\n|---|---|---|\n");
        for (Fault f : Fault.values()) {
            s.append("| ").append(f.code()).append(" | `").append(f.name()).append("` | ")
                    .append(cell(f.description())).append(" |\n");
        }
        return s.toString();
    }

    /** The AXI4-Lite register map. */
    public static String controlRegisters() {
        StringBuilder s = new StringBuilder("| offset | register | access | meaning |\n|---|---|---|---|\n");
        for (ControlRegister r : ControlRegister.values()) {
            String at = String.format(Locale.ROOT, "0x%03X", r.offset());
            if (r.entries() > 1) {
                at += String.format(Locale.ROOT, " + %d*n (n < %d)", r.stride(), r.entries());
            }
            s.append("| ").append(at).append(" | `").append(r.name()).append("` | ")
                    .append(r.access().name().toLowerCase(Locale.ROOT).replace('_', '/')).append(" | ")
                    .append(cell(r.description())).append(" |\n");
        }
        return s.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
