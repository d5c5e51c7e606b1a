package org.jdpu.hdl.emit;

/**
 * Output style knobs. Options never change what the hardware does, only how it reads.
 *
 * @param locationComments append {@code // @[File.java:line]} to statements
 */
public record EmitOptions(boolean locationComments) {

    public static final EmitOptions DEFAULT = new EmitOptions(true);
}
