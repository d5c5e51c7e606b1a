package org.jdpu.spec;

/**
 * One layer, batch 1, NHWC: what it computes and on which shapes. Build one with
 * {@link SpecParser} or directly, then check it with {@link LayerChecks#validate(LayerSpec)}.
 */
public sealed interface LayerSpec permits ConvolutionSpec, PoolSpec, GlobalAvgPoolSpec, UpsampleSpec, AddSpec,
        ConcatSpec, SoftmaxSpec {
    /** The JSON {@code op} name. */
    String op();

    FeatureShape input();

    int outputChannels();

    int outputHeight();

    int outputWidth();

    Activation activation();

    /**
     * True for layers the host CPU runs after (or before) the engine, as a DPU leaves them to the
     * CPU: the golden model runs them, compilers must not be given them.
     */
    default boolean runsOnHost() {
        return false;
    }

    default FeatureShape output() {
        return new FeatureShape(outputHeight(), outputWidth(), outputChannels());
    }
}
