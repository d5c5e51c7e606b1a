package org.jdpu.spec;

/**
 * One layer, batch 1, NHWC: what it computes and on which shapes. Build one with
 * {@link SpecParser} or directly, then check it with {@link LayerChecks#validate(LayerSpec)}.
 */
public sealed interface LayerSpec permits ConvolutionSpec, PoolSpec, GlobalAvgPoolSpec, UpsampleSpec, AddSpec,
        ConcatSpec {
    /** The JSON {@code op} name. */
    String op();

    FeatureShape input();

    int outputChannels();

    int outputHeight();

    int outputWidth();

    Activation activation();

    default FeatureShape output() {
        return new FeatureShape(outputHeight(), outputWidth(), outputChannels());
    }
}
