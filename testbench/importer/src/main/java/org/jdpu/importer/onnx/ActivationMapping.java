package org.jdpu.importer.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import org.jdpu.importer.onnx.FloatGraph.Node;
import org.jdpu.importer.onnx.TensorValue.MapValue;
import org.jdpu.spec.Padding;
import org.jdpu.spec.PoolSpec;
import org.jdpu.spec.Window;

import java.util.Arrays;

/**
 * Relu, Clip and LeakyRelu: fused into the layer before them where nothing else reads its output,
 * otherwise a 1x1 layer of their own.
 */
final class ActivationMapping {
    private final GraphMapper mapper;

    ActivationMapping(GraphMapper mapper) {
        this.mapper = mapper;
    }

    void leakyRelu(NodeProto n, Attributes a) {
        float alpha = a.real("alpha", 0.01f);
        if (Math.abs(alpha - FloatAct.DPU_LEAKY_SLOPE) > 0.01f) {
            throw OnnxException.at(mapper.file, n, "alpha " + alpha + " is not supported: the DPU's leaky ReLU has the fixed "
                    + "slope 26/256 = 0.1015625 (alphas within 0.01 of it are accepted)");
        }
        activation(n, FloatAct.LEAKY_RELU, alpha);
    }

    void clip(NodeProto n, Attributes a) {
        float lo, hi;
        if (mapper.opset >= 11) {
            lo = mapper.present(n, 1) ? mapper.scalar(n, 1) : Float.NEGATIVE_INFINITY;
            hi = mapper.present(n, 2) ? mapper.scalar(n, 2) : Float.POSITIVE_INFINITY;
        } else {
            lo = a.real("min", -Float.MAX_VALUE);
            hi = a.real("max", Float.MAX_VALUE);
        }
        if (lo == 0f && hi == 6f) {
            activation(n, FloatAct.RELU6, 0f);
        } else if (lo == 0f && hi >= Float.MAX_VALUE) {
            activation(n, FloatAct.RELU, 0f);
        } else {
            throw OnnxException.at(mapper.file, n, "Clip to [" + lo + ", " + hi + "] is not supported (only [0, 6] as relu6 and "
                    + "[0, inf) as relu)");
        }
    }

    void activation(NodeProto n, FloatAct act, float alpha) {
        MapValue x = mapper.map(n, 0);
        int at = mapper.indexOf(x.node());
        Node producer = at >= 0 ? mapper.nodes.get(at) : null;
        String origin = " + " + OnnxException.describe(n);
        if (producer != null && mapper.onlyReader(n.getInput(0))) {
            switch (producer) {
                case FloatGraph.Conv c when c.act() == FloatAct.NONE -> {
                    mapper.nodes.set(at, c.with(act, alpha, origin));
                    mapper.values.put(mapper.out(n), x);
                    return;
                }
                case FloatGraph.Add ad when ad.act() == FloatAct.NONE -> {
                    mapper.nodes.set(at, new FloatGraph.Add(ad.name(), ad.a(), ad.b(), ad.shape(), act, alpha, ad.origin() + origin));
                    mapper.values.put(mapper.out(n), x);
                    return;
                }
                case FloatGraph.GlobalPool p when p.act() == FloatAct.NONE && act == FloatAct.RELU -> {
                    mapper.nodes.set(at, new FloatGraph.GlobalPool(p.name(), p.input(), p.in(), act, p.origin() + origin));
                    mapper.values.put(mapper.out(n), x);
                    return;
                }
                case FloatGraph.Pool p when p.act() == FloatAct.NONE && act == FloatAct.RELU -> {
                    mapper.nodes.set(at, new FloatGraph.Pool(p.name(), p.input(), p.in(), p.kind(), p.window(), act, p.origin() + origin));
                    mapper.values.put(mapper.out(n), x);
                    return;
                }
                default -> { }
            }
        }
        FloatAct before = switch (producer) {
            case FloatGraph.Conv c -> c.act();
            case FloatGraph.Add ad -> ad.act();
            case FloatGraph.Pool p -> p.act();
            case FloatGraph.GlobalPool p -> p.act();
            case null, default -> FloatAct.NONE;
        };
        if (act == FloatAct.RELU && (before == FloatAct.RELU || before == FloatAct.RELU6)) {
            mapper.values.put(mapper.out(n), x); // already non-negative
            return;
        }
        String name = mapper.name(n);
        Window one = new Window(1, 1, 1, 1, 1, 1, Padding.NONE);
        Node node;
        if (act == FloatAct.RELU) {
            // A 1x1 max pool with a fused ReLU: the same fix point in and out, nothing rescaled.
            node = new FloatGraph.Pool(name, x.node(), x.shape(), PoolSpec.Kind.MAX, one, FloatAct.RELU, OnnxException.describe(n));
        } else {
            float[] ones = new float[x.shape().c()];
            Arrays.fill(ones, 1f);
            node = new FloatGraph.Conv(name, x.node(), x.shape(), x.shape().c(), true, one, ones, new float[ones.length],
                    act, alpha, OnnxException.describe(n));
        }
        mapper.nodes.add(node);
        mapper.values.put(mapper.out(n), new MapValue(name, x.shape(), x.rank()));
    }

    /** {@code Softmax} over the channels (axis 1 of a map or a vector): a host-run layer at the network's end. */
    void softmax(NodeProto n, Attributes a) {
        MapValue x = mapper.map(n, 0);
        long axis = a.integer("axis", mapper.opset >= 13 ? -1 : 1);
        if (axis < 0) axis += x.rank();
        boolean pixels = x.shape().h() * x.shape().w() == 1;
        if (axis != 1 || (x.rank() == 4 && mapper.opset < 13 && !pixels)) {
            throw OnnxException.at(mapper.file, n, "softmax along axis " + a.integer("axis", 0) + " of a rank-" + x.rank()
                    + " tensor: only over the channels is supported");
        }
        String name = mapper.name(n);
        mapper.nodes.add(new FloatGraph.Softmax(name, x.node(), x.shape(), OnnxException.describe(n)));
        mapper.values.put(mapper.out(n), new MapValue(name, x.shape(), x.rank()));
    }
}
