package org.jdpu.importer.tflite;

import com.google.flatbuffers.Table;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One flatbuffer table with bounds-checked field reads: the generated accessors that {@code flatc}
 * would write, by field index, over the runtime's {@link Table}. Every offset, vector and string is
 * checked against the buffer before it is read, so a truncated or corrupt file fails with a
 * {@link Malformed} naming the table ({@code where}) instead of reading past the end or allocating
 * a vector of a garbage length.
 */
final class FlatTable extends Table {
    /** A structural error at {@link #where}; the reader adds the file name. */
    static final class Malformed extends RuntimeException {
        Malformed(String where, String problem) {
            super(where + ": " + problem);
        }
    }

    private final String where;

    private FlatTable(ByteBuffer bb, int pos, String where) {
        this.where = where;
        int cap = bb.capacity();
        if (pos < 0 || pos > cap - 4) throw new Malformed(where, "table offset " + pos + " is outside the file (" + cap + " bytes)");
        int vtable = pos - bb.getInt(pos);
        if (vtable < 0 || vtable > cap - 4) throw new Malformed(where, "vtable offset " + vtable + " is outside the file");
        int vtableSize = Short.toUnsignedInt(bb.getShort(vtable));
        int tableSize = Short.toUnsignedInt(bb.getShort(vtable + 2));
        if (vtableSize < 4 || vtableSize % 2 != 0 || vtable + vtableSize > cap || pos + tableSize > cap) {
            throw new Malformed(where, "vtable at " + vtable + " is malformed or truncated");
        }
        __reset(pos, bb);
    }

    /** The root table of a flatbuffer: little-endian, root offset at byte 0. */
    static FlatTable root(ByteBuffer bb, String where) {
        bb = bb.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (bb.capacity() < 8) throw new Malformed(where, "only " + bb.capacity() + " bytes, too short for a flatbuffer");
        return new FlatTable(bb, bb.getInt(0), where);
    }

    String where() {
        return where;
    }

    boolean has(int field) {
        return fieldOffset(field) != 0;
    }

    byte int8(int field, byte dflt) {
        int o = scalar(field, 1);
        return o == 0 ? dflt : bb.get(o);
    }

    int int32(int field, int dflt) {
        int o = scalar(field, 4);
        return o == 0 ? dflt : bb.getInt(o);
    }

    /** An unsigned 32-bit field; values above {@code Integer.MAX_VALUE} are refused as malformed. */
    int uint32(int field) {
        int v = int32(field, 0);
        if (v < 0) throw new Malformed(where, "field " + field + " holds " + Integer.toUnsignedString(v) + ", too large");
        return v;
    }

    long int64(int field, long dflt) {
        int o = scalar(field, 8);
        return o == 0 ? dflt : bb.getLong(o);
    }

    float float32(int field, float dflt) {
        int o = scalar(field, 4);
        return o == 0 ? dflt : bb.getFloat(o);
    }

    boolean bool(int field) {
        return int8(field, (byte) 0) != 0;
    }

    /** A string field, or null when absent. */
    String string(int field) {
        int start = vectorStart(field, 1);
        if (start < 0) return null;
        byte[] bytes = new byte[bb.getInt(start - 4)];
        bb.get(start, bytes);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Malformed(where, "field " + field + " is not a UTF-8 string");
        }
    }

    /** A {@code [int]} field; empty when absent. */
    int[] int32s(int field) {
        int start = vectorStart(field, 4);
        if (start < 0) return new int[0];
        int[] v = new int[bb.getInt(start - 4)];
        for (int i = 0; i < v.length; i++) v[i] = bb.getInt(start + 4 * i);
        return v;
    }

    /** A {@code [long]} field; empty when absent. */
    long[] int64s(int field) {
        int start = vectorStart(field, 8);
        if (start < 0) return new long[0];
        long[] v = new long[bb.getInt(start - 4)];
        for (int i = 0; i < v.length; i++) v[i] = bb.getLong(start + 8 * i);
        return v;
    }

    /** A {@code [float]} field; empty when absent. */
    float[] float32s(int field) {
        int start = vectorStart(field, 4);
        if (start < 0) return new float[0];
        float[] v = new float[bb.getInt(start - 4)];
        for (int i = 0; i < v.length; i++) v[i] = bb.getFloat(start + 4 * i);
        return v;
    }

    /** A {@code [ubyte]} field; empty when absent. */
    byte[] bytes(int field) {
        int start = vectorStart(field, 1);
        if (start < 0) return new byte[0];
        byte[] v = new byte[bb.getInt(start - 4)];
        bb.get(start, v);
        return v;
    }

    /** A table field, or null when absent. */
    FlatTable table(int field, String name) {
        int o = scalar(field, 4);
        return o == 0 ? null : new FlatTable(bb, o + bb.getInt(o), where + "." + name);
    }

    /** A {@code [Table]} field; empty when absent. */
    List<FlatTable> tables(int field, String name) {
        int start = vectorStart(field, 4, where + "." + name);
        List<FlatTable> v = new ArrayList<>();
        if (start < 0) return v;
        int n = bb.getInt(start - 4);
        for (int i = 0; i < n; i++) {
            int p = start + 4 * i;
            v.add(new FlatTable(bb, p + bb.getInt(p), where + "." + name + "[" + i + "]"));
        }
        return v;
    }

    /** The absolute position of a scalar field of {@code size} bytes, or 0 when the field is absent. */
    private int scalar(int field, int size) {
        int o = fieldOffset(field);
        if (o == 0) return 0;
        int p = bb_pos + o;
        if (p + size > bb.capacity()) throw new Malformed(where, "field " + field + " lies past the end of the file");
        return p;
    }

    /** The first element of a vector field after checking its length, or -1 when the field is absent. */
    private int vectorStart(int field, int elementSize) {
        return vectorStart(field, elementSize, where + " field " + field);
    }

    /** As {@link #vectorStart(int, int)}; {@code what} names the vector in messages. */
    private int vectorStart(int field, int elementSize, String what) {
        int p = scalar(field, 4);
        if (p == 0) return -1;
        long lengthAt = (long) p + bb.getInt(p);
        if (lengthAt < 0 || lengthAt > bb.capacity() - 4) {
            throw new Malformed(what, "the vector starts outside the file");
        }
        int n = bb.getInt((int) lengthAt);
        if (n < 0 || lengthAt + 4 + (long) n * elementSize > bb.capacity()) {
            throw new Malformed(what, "the vector (" + Integer.toUnsignedString(n) + " elements) runs past the end of the file");
        }
        return (int) lengthAt + 4;
    }

    private int fieldOffset(int field) {
        return __offset(4 + 2 * field) & 0xFFFF; // vtable entries are unsigned 16-bit offsets
    }
}
