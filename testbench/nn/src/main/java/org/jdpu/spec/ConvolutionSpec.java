package org.jdpu.spec;

/** A layer with weights, a bias and a requantisation: {@code conv2d}, {@code depthwise_conv2d} or {@code dense}. */
public sealed interface ConvolutionSpec extends LayerSpec permits Conv2dSpec, DepthwiseConv2dSpec, DenseSpec {
    Window window();

    Quant quant();

    /** Expected weight tensor shape. */
    int[] weightShape();

    /** Input channels each output channel sums over. */
    int reductionChannels();

    default int[] biasShape() {
        return new int[] {outputChannels()};
    }

    @Override
    default int outputHeight() {
        return window().outputHeight(input().h());
    }

    @Override
    default int outputWidth() {
        return window().outputWidth(input().w());
    }
}
