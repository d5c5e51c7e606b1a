package org.jdpu.importer.edge;

/** The element type a model gives an edge tensor. */
public enum EdgeDType {
    /** Real values; the edge quantizes them into the network (input) or dequantizes them (output). */
    FLOAT32("float32"),
    /** The network's own int8 values, passed through. */
    INT8("int8"),
    /** uint8 values; the network holds {@code value - 128} (its zero point is the model's minus 128). */
    UINT8("uint8");

    private final String json;

    EdgeDType(String json) {
        this.json = json;
    }

    /** The spelling in {@code model-edge.json} and in NumPy ({@code float32}, {@code int8}, {@code uint8}). */
    public String json() {
        return json;
    }

    /** The type spelled {@code name}, or null. */
    public static EdgeDType ofJson(String name) {
        for (EdgeDType t : values()) {
            if (t.json.equals(name)) return t;
        }
        return null;
    }
}
