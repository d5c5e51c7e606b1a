package org.jdpu.arch.isa;

import java.util.List;
import java.util.Locale;

/**
 * The operations, their 4-bit codes, the queue that executes each and the fields it uses.
 * Code 0 is not an operation, so a word of zeros (unwritten memory) is a fault, not a no-op.
 */
public enum Opcode {
    LOAD(0x1, Queue.LOAD, List.of(Field.TARGET, Field.REGION, Field.OFFSET, Field.INDEX, Field.N0, Field.N1,
            Field.S0, Field.S1, Field.D0, Field.D1),
            "copy N1 x N0 elements from DDR into an on-chip buffer (element = ICP bytes, or 4 for a bias)"),
    SAVE(0x2, Queue.SAVE, List.of(Field.REGION, Field.OFFSET, Field.INDEX, Field.N0, Field.N1,
            Field.S0, Field.S1, Field.D0, Field.D1),
            "copy N1 x N0 output-buffer words (OCP bytes each) to DDR; done when every write is acknowledged"),
    CONFIG(0x3, Queue.CONV, List.of(Field.REG, Field.COUNT, Field.VALUE0, Field.VALUE1, Field.VALUE2,
            Field.VALUE3, Field.VALUE4, Field.VALUE5),
            "write COUNT consecutive engine registers from REG on (waits while a run is in progress)"),
    CONV(0x4, Queue.CONV, List.of(),
            "start the run the engine registers describe; done when its last output word is written"),
    NOP(0x5, Queue.MISC, List.of(), "no operation (takes and gives tokens)"),
    END(0xF, null, List.of(), "end of program: the engine is done when every queue has drained");

    private final int code;
    private final Queue queue;
    private final List<Field> fields;
    private final String description;

    Opcode(int code, Queue queue, List<Field> fields, String description) {
        this.code = code;
        this.queue = queue;
        this.fields = fields;
        this.description = description;
    }

    public int code() {
        return code;
    }

    /** The queue that executes it; null for END, which the fetch unit handles. */
    public Queue queue() {
        return queue;
    }

    /** The fields beyond OPCODE, WAIT and SIGNAL. */
    public List<Field> fields() {
        return fields;
    }

    public String description() {
        return description;
    }

    public String mnemonic() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The operation with this code, or null. */
    public static Opcode ofCode(int code) {
        for (Opcode o : values()) {
            if (o.code == code) return o;
        }
        return null;
    }
}
