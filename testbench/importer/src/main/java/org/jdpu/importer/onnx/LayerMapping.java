package org.jdpu.importer.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import org.jdpu.importer.onnx.Constants.Constant;
import org.jdpu.importer.onnx.TensorValue.ConstValue;
import org.jdpu.importer.onnx.TensorValue.MapValue;
import org.jdpu.importer.onnx.TensorValue.Source;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.Padding;
import org.jdpu.spec.Window;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Convolutions (with folded batch norms), Gemm/MatMul as whole-map convolutions, constant bias adds,
 * adds of two maps and channel concats.
 */
final class LayerMapping {
    private final GraphMapper mapper;

    LayerMapping(GraphMapper mapper) {
        this.mapper = mapper;
    }

    void conv(NodeProto n, Attributes a) {
        Source x = mapper.paddable(n, 0);
        Constant w = mapper.constant(n, 1);
        int[] ws = w.shape();
        if (ws.length != 4) throw OnnxException.at(mapper.file, n, "weights of rank " + ws.length + "; only 2-D convolutions are supported");
        int oc = ws[0], icg = ws[1], kh = ws[2], kw = ws[3];
        int group = (int) a.integer("group", 1);
        int c = x.shape().c();
        boolean depthwise;
        if (group == 1 && icg == c) {
            depthwise = false;
        } else if (group == c && icg == 1 && oc % c == 0) {
            depthwise = true;
        } else {
            throw OnnxException.at(mapper.file, n, "group=" + group + " with weights " + Arrays.toString(ws) + " on " + c
                    + " input channels: only group 1 and depthwise (group = input channels) are supported");
        }
        WindowMapping.Geometry g = mapper.windows.geometry(n, a, x.shape(), kh, kw, x.pad());
        float[] wv = w.values();
        float[] weights = new float[wv.length];
        for (int o = 0; o < oc; o++) {
            for (int ci = 0; ci < icg; ci++) {
                for (int y = 0; y < kh; y++) {
                    for (int xx = 0; xx < kw; xx++) {
                        float v = wv[((o * icg + ci) * kh + y) * kw + xx];
                        if (depthwise) weights[(y * kw + xx) * oc + o] = v;
                        else weights[((o * kh + y) * kw + xx) * icg + ci] = v;
                    }
                }
            }
        }
        float[] bias = new float[oc];
        if (mapper.present(n, 2)) {
            Constant b = mapper.constant(n, 2);
            if (b.size() != oc) throw OnnxException.at(mapper.file, n, "bias has " + b.size() + " values for " + oc + " outputs");
            bias = b.values().clone();
        }
        String name = mapper.name(n);
        if (w.quant() != null) mapper.weightScales.put(name, mapper.qdqMapping.outputScales(n, w.quant(), oc, 0));
        FloatGraph.Conv conv = new FloatGraph.Conv(name, x.node(), x.shape(), oc, depthwise, g.window(), weights, bias,
                FloatAct.NONE, 0f, OnnxException.describe(n));
        mapper.checkOutput(n, conv.output());
        mapper.nodes.add(conv);
        mapper.values.put(mapper.out(n), new MapValue(name, conv.output(), 4));
    }

    void batchNorm(NodeProto n, Attributes a) {
        if (a.integer("training_mode", 0) != 0) throw OnnxException.at(mapper.file, n, "training mode is not supported");
        MapValue x = mapper.map(n, 0);
        int c = x.shape().c();
        float[] scale = mapper.perChannel(n, 1, c), shift = mapper.perChannel(n, 2, c), mean = mapper.perChannel(n, 3, c), var = mapper.perChannel(n, 4, c);
        float eps = a.real("epsilon", 1e-5f);
        float[] s = new float[c], t = new float[c];
        for (int i = 0; i < c; i++) {
            s[i] = (float) (scale[i] / Math.sqrt((double) var[i] + eps));
            t[i] = shift[i] - mean[i] * s[i];
        }
        int at = mapper.indexOf(x.node());
        if (at >= 0 && mapper.nodes.get(at) instanceof FloatGraph.Conv conv && conv.act() == FloatAct.NONE && mapper.onlyReader(n.getInput(0))) {
            float[] w = conv.weights().clone();
            float[] b = conv.bias().clone();
            int oc = conv.outChannels();
            for (int i = 0; i < w.length; i++) {
                int o = conv.depthwise() ? i % oc : i / (w.length / oc);
                w[i] *= s[o];
            }
            for (int o = 0; o < oc; o++) b[o] = b[o] * s[o] + t[o];
            mapper.nodes.set(at, conv.with(w, b, " + " + OnnxException.describe(n)));
            mapper.values.put(mapper.out(n), x);
            return;
        }
        // A batch norm with nothing to fold into is a per-channel scale and shift: a 1x1 depthwise convolution.
        String name = mapper.name(n);
        FloatGraph.Conv conv = new FloatGraph.Conv(name, x.node(), x.shape(), c, true,
                new Window(1, 1, 1, 1, 1, 1, Padding.NONE), s, t, FloatAct.NONE, 0f, OnnxException.describe(n));
        mapper.nodes.add(conv);
        mapper.values.put(mapper.out(n), new MapValue(name, x.shape(), x.rank()));
    }

    void add(NodeProto n) {
        TensorValue va = mapper.value(n, 0), vb = mapper.value(n, 1);
        if (va instanceof ConstValue && vb instanceof MapValue) {
            biasAdd(n, 1, 0);
            return;
        }
        if (vb instanceof ConstValue) {
            biasAdd(n, 0, 1);
            return;
        }
        MapValue a = mapper.map(n, 0), b = mapper.map(n, 1);
        if (!a.shape().equals(b.shape()) || a.rank() != b.rank()) {
            throw OnnxException.at(mapper.file, n, "adds " + a.shape() + " and " + b.shape() + "; only maps of one shape can be "
                    + "added (no broadcasting)");
        }
        String name = mapper.name(n);
        mapper.nodes.add(new FloatGraph.Add(name, a.node(), b.node(), a.shape(), FloatAct.NONE, 0f, OnnxException.describe(n)));
        mapper.values.put(mapper.out(n), new MapValue(name, a.shape(), a.rank()));
    }

    /** {@code map + constant}: a per-channel constant after a convolution (or Gemm/MatMul) becomes its bias. */
    void biasAdd(NodeProto n, int mapIndex, int constIndex) {
        MapValue x = mapper.map(n, mapIndex);
        Constant c = mapper.constant(n, constIndex);
        int ch = x.shape().c();
        int at = mapper.indexOf(x.node());
        boolean perChannel = c.size() == ch && (x.rank() == 2 ? x.shape().h() * x.shape().w() == 1
                : c.shape().length <= 1 || (c.shape().length >= 3 && c.shape()[c.shape().length - 1] == 1
                        && c.shape()[c.shape().length - 2] == 1));
        if (at >= 0 && perChannel && mapper.nodes.get(at) instanceof FloatGraph.Conv conv && conv.act() == FloatAct.NONE
                && mapper.onlyReader(n.getInput(mapIndex))) {
            float[] b = conv.bias().clone();
            for (int o = 0; o < ch; o++) b[o] += c.values()[o];
            mapper.nodes.set(at, conv.with(conv.weights(), b, " + " + OnnxException.describe(n)));
            mapper.values.put(mapper.out(n), x);
            return;
        }
        throw OnnxException.at(mapper.file, n, "adding a constant is supported only as the per-channel bias of the Conv, Gemm "
                + "or MatMul right before it");
    }

    void concat(NodeProto n, Attributes a) {
        List<String> ins = new ArrayList<>();
        List<FeatureShape> shapes = new ArrayList<>();
        int rank = -1;
        for (int i = 0; i < n.getInputCount(); i++) {
            MapValue mv = mapper.map(n, i);
            rank = mv.rank();
            if (mv.rank() == 2 && mv.shape().h() * mv.shape().w() != 1) {
                throw OnnxException.at(mapper.file, n, "joins flattened maps; only channel concatenation of maps is supported");
            }
            ins.add(mv.node());
            shapes.add(mv.shape());
        }
        long axis = a.integer("axis", Long.MIN_VALUE);
        if (axis < 0 && axis != Long.MIN_VALUE) axis += rank;
        if (axis != 1) throw OnnxException.at(mapper.file, n, "axis " + a.integer("axis", 0) + ": only the channel axis (1) is supported");
        if (ins.size() < 2) {
            mapper.values.put(mapper.out(n), mapper.value(n, 0));
            return;
        }
        for (FeatureShape s : shapes) {
            if (s.h() != shapes.getFirst().h() || s.w() != shapes.getFirst().w()) {
                throw OnnxException.at(mapper.file, n, "joins maps of different sizes " + shapes);
            }
        }
        String name = mapper.name(n);
        FloatGraph.Concat c = new FloatGraph.Concat(name, ins, shapes, OnnxException.describe(n));
        mapper.nodes.add(c);
        mapper.values.put(mapper.out(n), new MapValue(name, c.output(), rank));
    }

    void gemm(NodeProto n, Attributes a) {
        if (a.integer("transA", 0) != 0) throw OnnxException.at(mapper.file, n, "transA=1 is not supported");
        dense(n, a.integer("transB", 0) != 0, a.real("alpha", 1f), a.real("beta", 1f), mapper.present(n, 2));
    }

    void matMul(NodeProto n) {
        dense(n, false, 1f, 0f, false);
    }

    /**
     * {@code y = alpha * x B (+ beta * C)} on a flattened map of H x W x C: a convolution with an
     * H x W kernel and no padding, whose weight (n, y, x, c) is B's entry for NCHW flat index
     * {@code c*H*W + y*W + x}.
     */
    void dense(NodeProto n, boolean transB, float alpha, float beta, boolean hasBias) {
        MapValue x = mapper.map(n, 0);
        if (x.rank() != 2) {
            throw OnnxException.at(mapper.file, n, "input \"" + n.getInput(0) + "\" is a [N, C, H, W] map; flatten it first");
        }
        Constant b = mapper.constant(n, 1);
        if (b.shape().length != 2) throw OnnxException.at(mapper.file, n, "weights must be a matrix, got " + Arrays.toString(b.shape()));
        FeatureShape f = x.shape();
        int k = f.c() * f.h() * f.w();
        int rows = b.shape()[0], cols = b.shape()[1];
        int kb = transB ? cols : rows;
        int units = transB ? rows : cols;
        if (kb != k) throw OnnxException.at(mapper.file, n, "weights " + Arrays.toString(b.shape()) + " do not fit an input of " + k);
        float[] bv = b.values();
        int hw = f.h() * f.w();
        float[] weights = new float[units * k];
        for (int u = 0; u < units; u++) {
            for (int c = 0; c < f.c(); c++) {
                for (int y = 0; y < f.h(); y++) {
                    for (int xx = 0; xx < f.w(); xx++) {
                        int flat = c * hw + y * f.w() + xx;
                        float v = transB ? bv[u * k + flat] : bv[flat * units + u];
                        weights[((u * f.h() + y) * f.w() + xx) * f.c() + c] = alpha * v;
                    }
                }
            }
        }
        float[] bias = new float[units];
        if (hasBias) {
            Constant c = mapper.constant(n, 2);
            if (c.size() == 1) Arrays.fill(bias, beta * c.values()[0]);
            else if (c.size() == units) for (int u = 0; u < units; u++) bias[u] = beta * c.values()[u];
            else throw OnnxException.at(mapper.file, n, "bias has " + c.size() + " values for " + units + " outputs");
        }
        String name = mapper.name(n);
        if (b.quant() != null) mapper.weightScales.put(name, mapper.qdqMapping.outputScales(n, b.quant(), units, transB ? 0 : 1));
        Window w = new Window(f.h(), f.w(), 1, 1, 1, 1, Padding.NONE);
        mapper.nodes.add(new FloatGraph.Conv(name, x.node(), f, units, false, w, weights, bias, FloatAct.NONE, 0f,
                OnnxException.describe(n)));
        mapper.values.put(mapper.out(n), new MapValue(name, new FeatureShape(1, 1, units), 2));
    }
}
