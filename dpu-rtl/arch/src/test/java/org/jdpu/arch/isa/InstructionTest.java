package org.jdpu.arch.isa;

import org.jdpu.arch.LoadTarget;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The instruction encoding: layouts that do not overlap, encode/decode round trips, decode faults. */
class InstructionTest {

    @Test
    void fieldsOfOneOpcodeNeverShareABit() {
        for (Opcode op : Opcode.values()) {
            BitSet used = new BitSet();
            List<Field> all = new ArrayList<>(List.of(Field.OPCODE, Field.WAIT, Field.SIGNAL));
            all.addAll(op.fields());
            for (Field f : all) {
                for (int b = f.instructionLsb(); b < f.instructionLsb() + f.width(); b++) {
                    assertFalse(used.get(b), op + ": " + f + " overlaps bit " + b);
                    used.set(b);
                }
                assertTrue(f.msb() < 32, f + " leaves its word");
            }
        }
    }

    @Test
    void randomInstructionsSurviveEncodeAndDecode() {
        long seed = System.nanoTime();
        System.out.println("InstructionTest seed " + seed);
        Random rnd = new Random(seed);
        for (int i = 0; i < 5000; i++) {
            Opcode op = Opcode.values()[rnd.nextInt(Opcode.values().length)];
            Map<Field, Long> v = new EnumMap<>(Field.class);
            for (Field f : op.fields()) v.put(f, rnd.nextLong() & f.mask());
            if (op == Opcode.CONFIG) v.put(Field.COUNT, 1L + rnd.nextInt(6));
            if (op == Opcode.LOAD) v.put(Field.TARGET, (long) rnd.nextInt(3));
            Instruction in = new Instruction(op, Queue.ofMask(rnd.nextInt(16)), Queue.ofMask(rnd.nextInt(16)), v);
            Instruction back = Instruction.decode(in.encode());
            assertEquals(in, back, "seed " + seed);
            assertEquals(in.text(), back.text());
        }
    }

    @Test
    void constructorsPutValuesWhereTheFieldsSay() {
        Instruction load = Instruction.load(LoadTarget.WEIGHTS, 3, 0x1234, 5 << 6 | 2, 8, 100, 16, -128, 1, 64);
        int[] w = load.encode();
        assertEquals(Opcode.LOAD.code(), w[0] >>> 28);
        assertEquals(1, w[0] >>> 18 & 3);
        assertEquals(3, w[0] >>> 15 & 7);
        assertEquals(0x1234, w[1]);
        assertEquals(8 | 100 << 16, w[3]);
        assertEquals(-128, w[5]);
        assertEquals(-128, load.signed32(Field.S1));
        Instruction cfg = Instruction.config(0x20, 7, 8, 9).withTokens(Set.of(Queue.LOAD), Set.of(Queue.SAVE, Queue.MISC));
        int[] c = cfg.encode();
        assertEquals(0x20, c[0] & 0xFF);
        assertEquals(3, c[0] >>> 8 & 7);
        assertEquals(0b1000, c[0] >>> 24 & 15);
        assertEquals(0b0101, c[0] >>> 20 & 15);
        assertEquals("config wait=L signal=SM reg=0x20 count=3 value0=7 value1=8 value2=9", cfg.text());
    }

    @Test
    void decodeReportsTheFaultTheHardwareRaises() {
        int[] zero = new int[Instruction.WORDS];
        assertEquals(Fault.BAD_OPCODE, assertThrows(InstructionFormatException.class, () -> Instruction.decode(zero)).fault());
        int[] cfg = Instruction.config(4, 1).encode();
        cfg[0] &= ~(7 << 8);
        assertEquals(Fault.BAD_REGISTER, assertThrows(InstructionFormatException.class, () -> Instruction.decode(cfg)).fault());
        int[] load = Instruction.load(LoadTarget.BIAS, 0, 0, 0, 1, 1, 0, 0, 0, 0).encode();
        load[0] |= 3 << 18;
        assertEquals(Fault.BANK_RANGE, assertThrows(InstructionFormatException.class, () -> Instruction.decode(load)).fault());
    }

    @Test
    void valuesThatDoNotFitAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Instruction.load(LoadTarget.ACTIVATIONS, 8, 0, 0, 1, 1, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> Instruction.load(LoadTarget.ACTIVATIONS, 0, 0, 0, 70000, 1, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> Instruction.config(0, new long[7]));
    }
}
