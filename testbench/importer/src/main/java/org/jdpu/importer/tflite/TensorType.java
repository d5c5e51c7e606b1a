package org.jdpu.importer.tflite;

/** The tensor element types of the TFLite schema that the importer tells apart; the rest are {@link #OTHER}. */
public enum TensorType {
    FLOAT32(0), INT32(2), UINT8(3), INT64(4), INT16(7), INT8(9), OTHER(-1);

    private final int code;

    TensorType(int code) {
        this.code = code;
    }

    static TensorType of(int code) {
        for (TensorType t : values()) {
            if (t.code == code) return t;
        }
        return OTHER;
    }

    /** The schema code, for messages about {@link #OTHER} types. */
    public int code() {
        return code;
    }
}
