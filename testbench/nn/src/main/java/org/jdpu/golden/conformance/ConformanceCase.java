package org.jdpu.golden.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdpu.golden.Golden;
import org.jdpu.spec.Activation;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.ConvolutionSpec;
import org.jdpu.spec.DepthwiseConv2dSpec;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.Padding;
import org.jdpu.spec.Quant;
import org.jdpu.spec.Window;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Npy;
import org.jdpu.tensor.Tensor;
import org.jdpu.tensor.UInt8Tensor;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One external convolution test case (a folder with {@code case.json}, {@code input.npy},
 * {@code weights.npy}, optional {@code bias.npy} and {@code expected.npy}, in the layout described by
 * the conformance folder's README), mapped onto the golden model and compared element by element.
 *
 * <p>In scope: int8 TFLite-style {@code conv2d} / {@code depthwise_conv2d} with weight zero point 0
 * ({@code multiplier} mode, batches run one image at a time), and ONNX {@code ConvInteger} int32
 * accumulators ({@code none} mode; uint8 data is shifted to int8 together with its zero point, which
 * leaves every {@code x - zp} unchanged; a per-output-channel weight zero point runs one output
 * channel at a time). Grouped convolutions, legacy uint8 kernels with weight zero points and float
 * rescaling are out of scope and reported as such.
 *
 * <p>The layer runs on a {@link LayerRunner}: the golden model by default, or an engine, which may
 * leave out what it cannot run.
 */
public final class ConformanceCase {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Runs one image of a case's layer: the golden model, or an engine. */
    public interface LayerRunner {
        /** The golden model. */
        LayerRunner GOLDEN = (spec, image, weights, bias) -> Golden.run(spec, image, weights, bias);

        Tensor run(ConvolutionSpec spec, Int8Tensor image, Int8Tensor weights, Int32Tensor bias);

        /** Why this runner cannot run {@code spec} (the case is then out of its scope), or null. */
        default String refuses(ConvolutionSpec spec) {
            return null;
        }
    }

    /** What happened to one case. */
    public sealed interface Outcome {
        /** Every element equals the source's expected output. */
        record Match(int elements) implements Outcome {}
        record Mismatch(int elements, int wrong, String first) implements Outcome {}
        record OutOfScope(String reason) implements Outcome {}
    }

    private final Path dir;
    private final JsonNode json;

    public ConformanceCase(Path dir) throws IOException {
        this.dir = dir;
        this.json = JSON.readTree(dir.resolve("case.json").toFile());
    }

    public String name() {
        return dir.getFileName().toString();
    }

    /** The case on the golden model. */
    public Outcome run() {
        return run(LayerRunner.GOLDEN);
    }

    /** The case on {@code runner}. */
    public Outcome run(LayerRunner runner) {
        String op = json.path("op").asText();
        String kind = json.path("requant").path("kind").asText();
        if (!op.equals("conv2d") && !op.equals("depthwise_conv2d")) {
            return new Outcome.OutOfScope(op + " (groups " + json.path("groups").asInt() + "): jdpu convolutions have groups 1 or are depthwise");
        }
        return switch (kind) {
            case "tflite_fixed_point_double_rounding" -> tflite(op, runner);
            case "none_int32_accumulator" -> convInteger(runner);
            default -> new Outcome.OutOfScope("requantisation '" + kind + "' (float rescale) is not a jdpu mode");
        };
    }

    private Outcome tflite(String op, LayerRunner runner) {
        if (!json.path("input_dtype").asText().equals("int8") || !json.path("output_dtype").asText().equals("int8")
                || !allZero(json.path("weight_zero_point"))) {
            return new Outcome.OutOfScope("legacy uint8 kernel with weight zero point " + json.path("weight_zero_point")
                    + ": multiplier mode is int8 with weight zero point 0");
        }
        requireLayout("NHWC", op.equals("conv2d") ? "OHWI" : "1HWO_depthwise");
        Int8Tensor x = Npy.readInt8(dir.resolve("input.npy"));
        Int8Tensor w = Npy.readInt8(dir.resolve("weights.npy"));
        Int32Tensor b = Npy.readInt32(dir.resolve("bias.npy"));
        Int8Tensor expected = Npy.readInt8(dir.resolve("expected.npy"));
        JsonNode rq = json.path("requant");
        Quant quant = new Quant.MultiplierQuant(json.path("input_zero_point").asInt(),
                json.path("output_zero_point").asInt(), ints(rq.path("multiplier")), ints(rq.path("shift")));
        Activation act = new Activation.Clamp(json.path("activation_min").asInt(), json.path("activation_max").asInt());
        FeatureShape in = new FeatureShape(x.dim(1), x.dim(2), x.dim(3));
        ConvolutionSpec spec = op.equals("conv2d")
                ? new Conv2dSpec(in, w.dim(0), window(w.dim(1), w.dim(2)), quant, act)
                : new DepthwiseConv2dSpec(in, json.path("depth_multiplier").asInt(1), window(w.dim(1), w.dim(2)), quant, act);
        String refused = runner.refuses(spec);
        if (refused != null) return new Outcome.OutOfScope(refused);
        return compareBatches(x, expected, image -> runner.run(spec, image, w, b));
    }

    private Outcome convInteger(LayerRunner runner) {
        requireLayout("NCHW", "OIHW");
        UInt8Tensor x = uint8(dir.resolve("input.npy"));
        UInt8Tensor w = uint8(dir.resolve("weights.npy"));
        Int32Tensor expected = Npy.readInt32(dir.resolve("expected.npy"));
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), wd = x.dim(3);
        int oc = w.dim(0), kh = w.dim(2), kw = w.dim(3);
        if (n != 1 || w.dim(1) != c) return new Outcome.OutOfScope("batch or grouped ConvInteger");
        int zpIn = json.path("input_zero_point").asInt() - 128;
        Int8Tensor xs = new Int8Tensor(new int[] {1, h, wd, c}, nchwToNhwcShifted(x));
        JsonNode zpw = json.path("weight_zero_point");
        int[] out = new int[expected.size()];
        for (int o = 0; o < oc; o++) {
            int zpW = (zpw.isArray() ? zpw.get(zpw.size() == 1 ? 0 : o).asInt() : zpw.asInt()) - 128;
            byte[] wo = new byte[kh * kw * c];
            for (int ky = 0; ky < kh; ky++)
                for (int kx = 0; kx < kw; kx++)
                    for (int ic = 0; ic < c; ic++)
                        wo[(ky * kw + kx) * c + ic] = (byte) (w.get(o, ic, ky, kx) - 128);
            Conv2dSpec spec = new Conv2dSpec(new FeatureShape(h, wd, c), 1, window(kh, kw),
                    new Quant.NoQuant(zpIn, zpW), Activation.NONE);
            String refused = runner.refuses(spec);
            if (refused != null) return new Outcome.OutOfScope(refused);
            Int32Tensor y = (Int32Tensor) runner.run(spec, xs, new Int8Tensor(new int[] {1, kh, kw, c}, wo), null);
            int oh = spec.outputHeight(), ow = spec.outputWidth();
            if (expected.dim(2) != oh || expected.dim(3) != ow) {
                return new Outcome.Mismatch(expected.size(), expected.size(), "output " + oh + "x" + ow
                        + " but expected " + expected.dim(2) + "x" + expected.dim(3));
            }
            for (int i = 0; i < oh * ow; i++) out[o * oh * ow + i] = y.data()[i];
        }
        return compare(expected, new Int32Tensor(expected.shape(), out), "");
    }

    private interface ImageRun {
        Tensor apply(Int8Tensor image);
    }

    private Outcome compareBatches(Int8Tensor x, Int8Tensor expected, ImageRun run) {
        int batches = x.dim(0);
        int inSize = x.size() / batches;
        int outSize = expected.size() / batches;
        int[] imageShape = x.shape();
        imageShape[0] = 1;
        int[] outShape = expected.shape();
        outShape[0] = 1;
        int elements = 0;
        for (int n = 0; n < batches; n++) {
            byte[] image = java.util.Arrays.copyOfRange(x.data(), n * inSize, (n + 1) * inSize);
            Tensor got = run.apply(new Int8Tensor(imageShape, image));
            Int8Tensor want = new Int8Tensor(outShape,
                    java.util.Arrays.copyOfRange(expected.data(), n * outSize, (n + 1) * outSize));
            Outcome o = compare(want, got, batches > 1 ? "batch " + n + " " : "");
            if (!(o instanceof Outcome.Match m)) return o;
            elements += m.elements();
        }
        return new Outcome.Match(elements);
    }

    private static Outcome compare(Tensor want, Tensor got, String where) {
        if (!java.util.Arrays.equals(want.shape(), got.shape())) {
            return new Outcome.Mismatch(want.size(), want.size(), where + "shape " + got.describe() + " but expected "
                    + want.describe());
        }
        int wrong = 0;
        String first = null;
        for (int i = 0; i < want.size(); i++) {
            if (want.intAt(i) != got.intAt(i)) {
                if (first == null) first = where + "flat index " + i + ": expected " + want.intAt(i) + ", got " + got.intAt(i);
                wrong++;
            }
        }
        return wrong == 0 ? new Outcome.Match(want.size()) : new Outcome.Mismatch(want.size(), wrong, first);
    }

    private Window window(int kh, int kw) {
        JsonNode s = json.path("stride");
        JsonNode d = json.path("dilation");
        JsonNode p = json.path("padding");
        return new Window(kh, kw, s.get(0).asInt(), s.get(1).asInt(), d.get(0).asInt(), d.get(1).asInt(),
                new Padding(p.path("top").asInt(), p.path("left").asInt(), p.path("bottom").asInt(), p.path("right").asInt()));
    }

    private void requireLayout(String data, String weights) {
        if (!json.path("input_layout").asText().equals(data) || !json.path("weight_layout").asText().equals(weights)) {
            throw new IllegalArgumentException(name() + ": unexpected layouts " + json.path("input_layout") + " / "
                    + json.path("weight_layout"));
        }
    }

    private static UInt8Tensor uint8(Path file) {
        if (Npy.read(file) instanceof UInt8Tensor t) return t;
        throw new IllegalArgumentException(file + ": expected uint8");
    }

    private static byte[] nchwToNhwcShifted(UInt8Tensor x) {
        int c = x.dim(1), h = x.dim(2), w = x.dim(3);
        byte[] out = new byte[h * w * c];
        for (int ic = 0; ic < c; ic++)
            for (int y = 0; y < h; y++)
                for (int xx = 0; xx < w; xx++)
                    out[(y * w + xx) * c + ic] = (byte) (x.get(0, ic, y, xx) - 128);
        return out;
    }

    private static boolean allZero(JsonNode zp) {
        if (zp.isArray()) {
            for (JsonNode v : zp) if (v.asInt() != 0) return false;
            return true;
        }
        return zp.asInt() == 0;
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asInt();
        return out;
    }
}
