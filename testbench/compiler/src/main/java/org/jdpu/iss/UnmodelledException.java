package org.jdpu.iss;

/**
 * The simulator met a state whose hardware behaviour it does not model: post-processing register
 * values outside the range {@link org.jdpu.arch.PostProcessing} describes, or (for {@link ConvCore}
 * run on registers set directly, not through a program) a descriptor the core cannot finish. The
 * engine reports no fault for these, so the simulator cannot give a result either; programs the
 * compiler emits never reach them, and {@link Iss} refuses the unfinishable descriptors itself
 * with BAD_REGISTER.
 */
public final class UnmodelledException extends RuntimeException {
    public UnmodelledException(String message) {
        super(message);
    }
}
