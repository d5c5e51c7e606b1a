package org.jdpu.compiler.net;

import org.jdpu.arch.isa.Instruction;
import org.jdpu.arch.isa.InstructionFormatException;
import org.jdpu.arch.isa.Queue;
import org.jdpu.compiler.ProgramFormatException;

import java.util.ArrayList;
import java.util.List;

/**
 * The text listing of a program, one line per instruction, and the disassembler that makes the
 * same listing from the raw instruction binary:
 *
 * <pre>
 *   index queue text [; layer]
 *     12 load load   wait=C signal=C target=activations region=1 offset=0 index=0 n0=1 n1=9 s0=8 s1=8 d0=9 d1=1  ; conv2
 * </pre>
 *
 * {@code text} is {@link Instruction#text()} (mnemonic, WAIT and SIGNAL as queue initials, then the
 * fields); the queue is "-" for END; the layer column is left out when no layer is known.
 */
public final class Listing {
    private Listing() {}

    /** One listing line. */
    public static String line(int index, Instruction ins, String layer) {
        Queue q = ins.opcode().queue();
        String s = String.format("%6d %-4s %s", index, q == null ? "-" : q.label(), ins.text());
        return layer == null || layer.isEmpty() ? s : s + "  ; " + layer;
    }

    /** The listing; {@code layers} (one name per instruction) may be null. */
    public static String of(List<Instruction> program, List<String> layers) {
        if (layers != null && layers.size() != program.size()) {
            throw new IllegalArgumentException(layers.size() + " layer names for " + program.size() + " instructions");
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < program.size(); i++) {
            sb.append(line(i, program.get(i), layers == null ? null : layers.get(i))).append('\n');
        }
        return sb.toString();
    }

    public static String of(NetProgram p) {
        return of(p.instructions(), p.layerNames());
    }

    /** The instructions as the fetch unit reads them: {@value Instruction#BYTES} bytes each, little-endian words. */
    public static byte[] binary(List<Instruction> program) {
        byte[] b = new byte[program.size() * Instruction.BYTES];
        int at = 0;
        for (Instruction ins : program) {
            for (int w : ins.encode()) {
                for (int k = 0; k < 4; k++) b[at++] = (byte) (w >>> (8 * k));
            }
        }
        return b;
    }

    /**
     * Decodes a raw instruction binary.
     *
     * @param source names the file in messages
     * @throws ProgramFormatException when the size is not whole instructions or an instruction cannot be decoded
     */
    public static List<Instruction> decode(byte[] bin, String source) {
        if (bin.length % Instruction.BYTES != 0) {
            throw new ProgramFormatException("instruction file " + source + ": " + bin.length + " bytes is not a whole number of "
                    + Instruction.BYTES + "-byte instructions", null);
        }
        List<Instruction> out = new ArrayList<>(bin.length / Instruction.BYTES);
        int[] words = new int[Instruction.WORDS];
        for (int i = 0; i < bin.length / Instruction.BYTES; i++) {
            for (int w = 0; w < Instruction.WORDS; w++) {
                int at = i * Instruction.BYTES + 4 * w;
                words[w] = (bin[at] & 0xFF) | (bin[at + 1] & 0xFF) << 8 | (bin[at + 2] & 0xFF) << 16 | (bin[at + 3] & 0xFF) << 24;
            }
            try {
                out.add(Instruction.decode(words));
            } catch (InstructionFormatException e) {
                throw new ProgramFormatException("instruction file " + source + ": instruction " + i + " (byte "
                        + i * Instruction.BYTES + "): " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** The listing of a raw instruction binary; {@code layers} (one name per instruction) may be null. */
    public static String disassemble(byte[] bin, String source, List<String> layers) {
        List<Instruction> program = decode(bin, source);
        if (layers != null && layers.size() != program.size()) {
            throw new ProgramFormatException("instruction file " + source + " has " + program.size()
                    + " instructions but the layer table names " + layers.size(), null);
        }
        return of(program, layers);
    }
}
