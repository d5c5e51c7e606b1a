package org.jdpu.hdl.emit;

import org.jdpu.hdl.ir.LocationStyle;

/**
 * Output style knobs. Options never change what the hardware does, only how it reads.
 *
 * @param locations how much of each statement's Java source location the {@code // @[...]}
 *                  comments show: {@code File.java:line} (the default), the file only (for
 *                  checked-in output, which then does not change when a generator's lines move),
 *                  or no comments at all
 */
public record EmitOptions(LocationStyle locations) {

    public static final EmitOptions DEFAULT = new EmitOptions(LocationStyle.FILE_LINE);

    public EmitOptions {
        java.util.Objects.requireNonNull(locations, "locations");
    }

    /** The default options with location comments in {@code style}. */
    public static EmitOptions locations(LocationStyle style) {
        return DEFAULT.withLocations(style);
    }

    public EmitOptions withLocations(LocationStyle style) {
        return new EmitOptions(style);
    }
}
