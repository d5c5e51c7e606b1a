package org.jdpu.hdl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A record of named signals, e.g. a valid/ready stream. Subclasses declare their fields in the
 * constructor with {@link #field} and {@link #flipped}; a flipped field runs the other way (the
 * {@code ready} of a stream). Bound as an input, plain fields become inputs and flipped fields
 * outputs; as an output the reverse. Leaves are named {@code <bundle>_<field>} in Verilog.
 */
public abstract non-sealed class Bundle extends Data {

    /** One declared field. */
    public record Field(String name, Data data, boolean flipped) {}

    private final List<Field> fields = new ArrayList<>();

    protected Bundle() {}

    /** Declares a field that runs in the bundle's own direction. */
    protected final <T extends Data> T field(String name, T proto) {
        fields.add(new Field(name, proto, false));
        return proto;
    }

    /** Declares a field that runs against the bundle's direction. */
    protected final <T extends Data> T flipped(String name, T proto) {
        fields.add(new Field(name, proto, true));
        return proto;
    }

    public final List<Field> fields() {
        return Collections.unmodifiableList(fields);
    }

    @Override
    final void collectLeaves(String prefix, boolean flip, List<Leaf> out) {
        for (Field f : fields) {
            f.data().collectLeaves(join(prefix, f.name()), flip ^ f.flipped(), out);
        }
    }

    @Override
    Data cloneUnbound() {
        throw new IllegalStateException("a Bundle cannot be copied as a prototype; build a Vec of bundles with "
                + "Hdl.vecOf(n, () -> new " + getClass().getSimpleName() + "(...))");
    }
}
