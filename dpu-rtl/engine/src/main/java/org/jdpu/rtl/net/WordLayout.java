package org.jdpu.rtl.net;

import org.jdpu.arch.isa.Field;
import org.jdpu.arch.isa.Instruction;
import org.jdpu.arch.isa.Opcode;
import org.jdpu.arch.isa.Queue;
import org.jdpu.hdl.UInt;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.jdpu.hdl.Hdl.cat;

/**
 * Which 32-bit words of an instruction a queue keeps (word 0, with opcode and tokens, and every
 * word a field of the queue's opcodes lies in), and where each {@link Field} sits in the packed
 * words. Every bit slice of an instruction in the hardware comes from here, so field positions
 * are never written down twice.
 */
final class WordLayout {
    private final List<Integer> words;

    private WordLayout(List<Integer> words) {
        this.words = words;
    }

    /** All {@value Instruction#WORDS} words, as the fetch unit assembles them. */
    static WordLayout whole() {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < Instruction.WORDS; i++) all.add(i);
        return new WordLayout(all);
    }

    /** The words the opcodes executed by {@code q} use. */
    static WordLayout of(Queue q) {
        TreeSet<Integer> used = new TreeSet<>(List.of(Field.OPCODE.word(), Field.WAIT.word(), Field.SIGNAL.word()));
        for (Opcode op : Opcode.values()) {
            if (op.queue() != q) continue;
            for (Field f : op.fields()) used.add(f.word());
        }
        return new WordLayout(List.copyOf(used));
    }

    /** Bits of the packed form. */
    int bits() {
        return 32 * words.size();
    }

    /** The words this layout keeps, taken from a whole instruction (word 0 in bits 31:0). */
    UInt pack(UInt instruction) {
        List<UInt> parts = new ArrayList<>();
        for (int i = words.size() - 1; i >= 0; i--) {
            int w = words.get(i);
            parts.add(instruction.bits(32 * w + 31, 32 * w));
        }
        return cat(parts);
    }

    /** Field {@code f} of a packed instruction. */
    UInt field(UInt packed, Field f) {
        int slot = words.indexOf(f.word());
        if (slot < 0) throw new IllegalArgumentException("this layout does not keep word " + f.word() + " (" + f.label() + ")");
        int lsb = 32 * slot + f.lsb();
        return packed.bits(lsb + f.width() - 1, lsb);
    }
}
