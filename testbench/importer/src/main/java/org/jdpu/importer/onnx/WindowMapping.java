package org.jdpu.importer.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import org.jdpu.importer.onnx.Constants.Constant;
import org.jdpu.importer.onnx.TensorValue.MapValue;
import org.jdpu.importer.onnx.TensorValue.PaddedValue;
import org.jdpu.importer.onnx.TensorValue.Source;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.Padding;
import org.jdpu.spec.PoolSpec;
import org.jdpu.spec.Window;

import java.util.Arrays;

/**
 * Sliding windows: ONNX strides, dilations, pads and auto_pad as a {@link Window}; pools, global
 * average pooling, and {@code Pad} (kept for the next layer to merge).
 */
final class WindowMapping {
    private final GraphMapper mapper;

    WindowMapping(GraphMapper mapper) {
        this.mapper = mapper;
    }

    record Geometry(int kh, int kw, int sh, int sw, int dh, int dw, Padding pad) {
        Window window() {
            return new Window(kh, kw, sh, sw, dh, dw, pad);
        }
    }

    Geometry geometry(NodeProto n, Attributes a, FeatureShape in, int kh, int kw, Padding merged) {
        int[] strides = a.ints("strides", new int[] {1, 1});
        int[] dilations = a.ints("dilations", new int[] {1, 1});
        if (strides.length != 2 || dilations.length != 2) throw OnnxException.at(mapper.file, n, "only 2-D windows are supported");
        String autoPad = a.string("auto_pad", "NOTSET");
        int[] pads = a.ints("pads", new int[] {0, 0, 0, 0});
        if (pads.length != 4) throw OnnxException.at(mapper.file, n, "pads must have 4 values for a 2-D window");
        switch (autoPad) {
            case "NOTSET", "VALID" -> { if (autoPad.equals("VALID")) pads = new int[4]; }
            case "SAME_UPPER", "SAME_LOWER" -> {
                int[] hw = {in.h(), in.w()};
                int[] k = {kh, kw};
                pads = new int[4];
                for (int ax = 0; ax < 2; ax++) {
                    int outSize = (hw[ax] + strides[ax] - 1) / strides[ax];
                    int total = Math.max(0, (outSize - 1) * strides[ax] + (k[ax] - 1) * dilations[ax] + 1 - hw[ax]);
                    int small = total / 2;
                    pads[ax] = autoPad.equals("SAME_UPPER") ? small : total - small;
                    pads[ax + 2] = total - pads[ax];
                }
            }
            default -> throw OnnxException.at(mapper.file, n, "auto_pad " + autoPad + " is not supported");
        }
        for (int p : pads) if (p < 0) throw OnnxException.at(mapper.file, n, "negative padding " + Arrays.toString(pads) + " is not supported");
        Padding pad = new Padding(pads[0] + merged.top(), pads[1] + merged.left(), pads[2] + merged.bottom(),
                pads[3] + merged.right());
        return new Geometry(kh, kw, strides[0], strides[1], dilations[0], dilations[1], pad);
    }

    void pool(NodeProto n, Attributes a, PoolSpec.Kind kind) {
        TensorValue v = mapper.value(n, 0);
        if (kind == PoolSpec.Kind.MAX && v instanceof PaddedValue p) {
            throw OnnxException.at(mapper.file, n, "reads " + OnnxException.describe(p.padNode()) + ": a zero pad before MaxPool "
                    + "cannot be merged (the network's padding is never the maximum)");
        }
        Source x = mapper.paddable(n, 0);
        int[] k = a.ints("kernel_shape", null);
        if (k == null || k.length != 2) throw OnnxException.at(mapper.file, n, "kernel_shape must give 2 values");
        int[] dil = a.ints("dilations", new int[] {1, 1});
        if (dil[0] != 1 || dil[1] != 1) throw OnnxException.at(mapper.file, n, "dilated pooling is not supported");
        Geometry g = geometry(n, a, x.shape(), k[0], k[1], x.pad());
        int[] own = a.ints("pads", new int[4]);
        boolean ownPads = Arrays.stream(own).anyMatch(p -> p != 0) || a.string("auto_pad", "NOTSET").startsWith("SAME");
        if (kind == PoolSpec.Kind.AVG && ownPads && a.integer("count_include_pad", 0) == 0) {
            throw OnnxException.at(mapper.file, n, "average pooling with padding and count_include_pad=0 divides by the taps inside "
                    + "the image; the network divides by the whole window (export with count_include_pad=1)");
        }
        Window w = g.window();
        if (a.integer("ceil_mode", 0) != 0) {
            int ceilH = ceilSize(x.shape().h(), w.padding().top() + w.padding().bottom(), w.kh(), w.sh());
            int ceilW = ceilSize(x.shape().w(), w.padding().left() + w.padding().right(), w.kw(), w.sw());
            if (ceilH != w.outputHeight(x.shape().h()) || ceilW != w.outputWidth(x.shape().w())) {
                throw OnnxException.at(mapper.file, n, "ceil_mode=1 changes the output size here; only floor sizes are supported");
            }
        }
        String name = mapper.name(n);
        FloatGraph.Pool pool = new FloatGraph.Pool(name, x.node(), x.shape(), kind, w, FloatAct.NONE, OnnxException.describe(n));
        mapper.checkOutput(n, pool.output());
        mapper.nodes.add(pool);
        mapper.values.put(mapper.out(n), new MapValue(name, pool.output(), 4));
    }

    private static int ceilSize(int in, int pad, int k, int s) {
        int span = in + pad - k;
        int size = span < 0 ? 0 : (span + s - 1) / s + 1;
        // ONNX drops a last window that would start inside the end padding.
        if (size > 0 && (size - 1) * s >= in + pad / 2) size--;
        return size;
    }

    void globalAveragePool(NodeProto n) {
        MapValue x = mapper.map(n, 0);
        if (x.rank() != 4) throw OnnxException.at(mapper.file, n, "input is not a [N, C, H, W] map");
        String name = mapper.name(n);
        FloatGraph.GlobalPool pool = new FloatGraph.GlobalPool(name, x.node(), x.shape(), FloatAct.NONE,
                OnnxException.describe(n));
        mapper.nodes.add(pool);
        mapper.values.put(mapper.out(n), new MapValue(name, pool.output(), 4));
    }

    void pad(NodeProto n, Attributes a) {
        String mode = a.string("mode", "constant");
        if (!mode.equals("constant")) throw OnnxException.at(mapper.file, n, "pad mode " + mode + " is not supported (only constant zeros)");
        int[] pads;
        float fill;
        if (mapper.opset >= 11) {
            if (mapper.present(n, 3)) throw OnnxException.at(mapper.file, n, "the axes input is not supported");
            Constant p = mapper.constant(n, 1);
            pads = new int[p.size()];
            for (int i = 0; i < pads.length; i++) pads[i] = (int) p.integers()[i];
            fill = mapper.present(n, 2) ? mapper.scalar(n, 2) : 0f;
        } else {
            pads = a.ints("pads", null);
            fill = a.real("value", 0f);
            if (pads == null) throw OnnxException.at(mapper.file, n, "pads are missing");
        }
        if (fill != 0f) throw OnnxException.at(mapper.file, n, "pad value " + fill + " is not supported (only 0)");
        if (pads.length != 8 || pads[0] != 0 || pads[1] != 0 || pads[4] != 0 || pads[5] != 0) {
            throw OnnxException.at(mapper.file, n, "pads " + Arrays.toString(pads) + ": only the height and width of a "
                    + "[N, C, H, W] map may be padded");
        }
        for (int p : pads) if (p < 0) throw OnnxException.at(mapper.file, n, "negative pads (cropping) are not supported");
        Padding add = new Padding(pads[2], pads[3], pads[6], pads[7]);
        TensorValue v = mapper.value(n, 0);
        if (v instanceof PaddedValue p) {
            Padding sum = new Padding(p.pad().top() + add.top(), p.pad().left() + add.left(),
                    p.pad().bottom() + add.bottom(), p.pad().right() + add.right());
            mapper.values.put(mapper.out(n), new PaddedValue(p.node(), p.shape(), sum, n));
            return;
        }
        MapValue mv = mapper.map(n, 0);
        if (mv.rank() != 4) throw OnnxException.at(mapper.file, n, "input is not a [N, C, H, W] map");
        mapper.values.put(mapper.out(n), new PaddedValue(mv.node(), mv.shape(), add, n));
    }
}
