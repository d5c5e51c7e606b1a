package org.jdpu.importer.edge;

import org.jdpu.io.UserError;
import org.jdpu.tensor.Float32Array;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Npy;
import org.jdpu.tensor.Shapes;
import org.jdpu.tensor.Tensor;
import org.jdpu.tensor.UInt8Tensor;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Moves tensors across a {@link ModelEdge}: the model's own input (its shape, layout and dtype) into
 * the network's int8 NHWC input, and a network output back into the model's shape and dtype. Float
 * values are quantized with the edge's {@link EdgeQuant} (round half up, saturate) and dequantized
 * exactly; uint8 values are moved by 128 to the network's int8.
 */
public final class EdgeConversion {
    private EdgeConversion() {}

    /** Reads {@code file} as the model input {@code edge} and returns the network input; errors name the file. */
    public static Int8Tensor readInput(EdgeTensor edge, Path file) {
        if (edge.dtype() == EdgeDType.FLOAT32) {
            Float32Array x = Npy.readFloat32(file);
            checkShape(edge, x.shape(), file);
            return quantize(edge, x);
        }
        Tensor t = Npy.read(file);
        checkShape(edge, t.shape(), file);
        if (edge.dtype() == EdgeDType.INT8 && t instanceof Int8Tensor i8) return toNetwork(edge, i8.data());
        if (edge.dtype() == EdgeDType.UINT8 && t instanceof UInt8Tensor u8) {
            byte[] moved = u8.data().clone();
            for (int i = 0; i < moved.length; i++) moved[i] = (byte) ((moved[i] & 0xff) - 128);
            return toNetwork(edge, moved);
        }
        throw new UserError(file + ": dtype is " + t.dtype() + " but the model input " + edge.name() + " is "
                + edge.dtype().json());
    }

    /** Writes network output {@code y} as the model output {@code edge} (float32 when the model's output is float). */
    public static String writeOutput(EdgeTensor edge, Int8Tensor y, Path file) {
        if (edge.dtype() == EdgeDType.FLOAT32) {
            Float32Array out = dequantize(edge, y);
            Npy.writeFloat32(file, out);
            return out.describe();
        }
        byte[] model = toModel(edge, y);
        Tensor out = edge.dtype() == EdgeDType.INT8 ? new Int8Tensor(edge.shape(), model) : uint8(edge, model);
        Npy.write(file, out);
        return out.describe();
    }

    private static UInt8Tensor uint8(EdgeTensor edge, byte[] model) {
        for (int i = 0; i < model.length; i++) model[i] = (byte) (model[i] + 128);
        return new UInt8Tensor(edge.shape(), model);
    }

    /** Quantizes the model-layout float input {@code x} into the network's int8 NHWC tensor. */
    public static Int8Tensor quantize(EdgeTensor edge, Float32Array x) {
        float[] v = x.data();
        byte[] q = new byte[v.length];
        for (int i = 0; i < v.length; i++) q[i] = (byte) edge.quant().toInt8(v[i]);
        return toNetwork(edge, q);
    }

    /** The real values of network output {@code y} in the model's shape and layout. */
    public static Float32Array dequantize(EdgeTensor edge, Int8Tensor y) {
        byte[] model = toModel(edge, y);
        float[] v = new float[model.length];
        for (int i = 0; i < v.length; i++) v[i] = (float) edge.quant().toReal(model[i]);
        return new Float32Array(edge.shape(), v);
    }

    private static void checkShape(EdgeTensor edge, int[] shape, Path file) {
        if (!Arrays.equals(shape, edge.shape())) {
            throw new UserError(file + ": shape " + Shapes.format(shape) + " does not match the model input "
                    + edge.name() + " " + Shapes.format(edge.shape()) + " (" + edge.layout() + ")");
        }
    }

    /** Model-layout bytes to the network's NHWC tensor. */
    static Int8Tensor toNetwork(EdgeTensor edge, byte[] model) {
        int[] nhwc = edge.networkShape();
        if (edge.layout() != EdgeLayout.NCHW) return new Int8Tensor(nhwc, model);
        int h = nhwc[1], w = nhwc[2], c = nhwc[3];
        byte[] out = new byte[model.length];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) out[(y * w + x) * c + ch] = model[(ch * h + y) * w + x];
            }
        }
        return new Int8Tensor(nhwc, out);
    }

    /** The network's NHWC tensor to model-layout bytes. */
    static byte[] toModel(EdgeTensor edge, Int8Tensor y) {
        int[] nhwc = edge.networkShape();
        if (!Arrays.equals(y.shape(), nhwc)) {
            throw new UserError("network output " + edge.layer() + " is " + y.describe() + " but the model output "
                    + edge.name() + " needs " + Shapes.format(nhwc));
        }
        byte[] in = y.data();
        if (edge.layout() != EdgeLayout.NCHW) return in.clone();
        int h = nhwc[1], w = nhwc[2], c = nhwc[3];
        byte[] out = new byte[in.length];
        for (int ch = 0; ch < c; ch++) {
            for (int yy = 0; yy < h; yy++) {
                for (int x = 0; x < w; x++) out[(ch * h + yy) * w + x] = in[(yy * w + x) * c + ch];
            }
        }
        return out;
    }
}
