package org.jdpu.importer.onnx;

import org.jdpu.dataset.FashionMnist;
import org.jdpu.dataset.LabelledImages;
import org.jdpu.importer.edge.EdgeLayout;
import org.jdpu.importer.edge.ImportOptions;
import org.jdpu.io.UserError;
import org.jdpu.tensor.Float32Array;
import org.jdpu.tensor.Npy;
import org.jdpu.tensor.Shapes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The calibration images of a float model as NHWC float maps: a {@code .npy} of N inputs stacked on
 * the first axis in the model's input layout, or {@value ImportOptions#FASHION_MNIST} (the first
 * {@value #FASHION_MNIST_IMAGES} training images scaled to [0, 1], for a model whose input is one
 * 28x28 grey image).
 */
final class Calibration {
    private Calibration() {}

    static final int FASHION_MNIST_IMAGES = 1000;

    static List<float[]> load(String source, int[] modelShape, EdgeLayout layout) {
        if (source == null) {
            throw new UserError("a float model needs calibration images: --calibration x.npy (N inputs of shape "
                    + Shapes.format(Arrays.copyOfRange(modelShape, 1, modelShape.length)) + ") or --calibration "
                    + ImportOptions.FASHION_MNIST);
        }
        if (source.equals(ImportOptions.FASHION_MNIST)) return fashionMnist(modelShape);
        Path file = Path.of(source);
        Float32Array a = Npy.readFloat32(file);
        int[] s = a.shape();
        if (s.length != modelShape.length || !Arrays.equals(Arrays.copyOfRange(s, 1, s.length),
                Arrays.copyOfRange(modelShape, 1, modelShape.length)) || s[0] < 1) {
            int[] wanted = modelShape.clone();
            throw new UserError(file + ": calibration shape " + Shapes.format(s) + " does not match the model input: "
                    + "expected [N" + Shapes.format(wanted).substring(2) + " (N images in " + layout + " layout)");
        }
        int per = a.size() / s[0];
        List<float[]> images = new ArrayList<>(s[0]);
        for (int i = 0; i < s[0]; i++) images.add(toNhwc(Arrays.copyOfRange(a.data(), i * per, (i + 1) * per), modelShape, layout));
        return images;
    }

    private static List<float[]> fashionMnist(int[] modelShape) {
        int size = FashionMnist.SIZE;
        boolean fits = (modelShape.length == 4 && modelShape[1] == 1 && modelShape[2] == size && modelShape[3] == size)
                || (modelShape.length == 4 && modelShape[1] == size && modelShape[2] == size && modelShape[3] == 1)
                || (modelShape.length == 2 && modelShape[1] == size * size);
        if (!fits) {
            throw new UserError("--calibration " + ImportOptions.FASHION_MNIST + " needs a model input of [N, 1, 28, 28] "
                    + "[N, 28, 28, 1] or [N, 784], but the model takes " + Shapes.format(modelShape));
        }
        LabelledImages train = FashionMnist.train(FASHION_MNIST_IMAGES);
        List<float[]> images = new ArrayList<>(train.count());
        for (int i = 0; i < train.count(); i++) images.add(train.scaled(i)); // one channel: NCHW = NHWC
        return images;
    }

    /** One image from the model's layout to NHWC. */
    static float[] toNhwc(float[] image, int[] modelShape, EdgeLayout layout) {
        if (layout != EdgeLayout.NCHW) return image;
        int c = modelShape[1], h = modelShape[2], w = modelShape[3];
        float[] out = new float[image.length];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) out[(y * w + x) * c + ch] = image[(ch * h + y) * w + x];
            }
        }
        return out;
    }
}
