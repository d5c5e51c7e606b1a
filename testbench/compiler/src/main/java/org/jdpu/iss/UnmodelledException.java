package org.jdpu.iss;

/**
 * The simulator met a state whose hardware behaviour it does not model: a descriptor the core
 * cannot finish (its run would never end), or post-processing register values outside the range
 * {@link org.jdpu.arch.PostProcessing} describes. The engine reports no fault for these, so the
 * simulator cannot give a result either; programs the compiler emits never reach them.
 */
public final class UnmodelledException extends RuntimeException {
    public UnmodelledException(String message) {
        super(message);
    }
}
