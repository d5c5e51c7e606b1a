package org.jdpu.importer.onnx;

import org.jdpu.importer.onnx.FloatGraph.Node;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.PoolSpec;
import org.jdpu.spec.Window;

import java.util.HashMap;
import java.util.Map;

/**
 * The float reference of a {@link FloatGraph}: every layer in float arithmetic on NHWC maps of one
 * image, with the model's own activations (ReLU6 at 6, LeakyRelu with the model's alpha). It is what
 * the quantizer calibrates on and what the INT8 network is compared with.
 */
public final class FloatEvaluator {
    private final FloatGraph graph;
    /** Each regular convolution's weights as {@code [kh][kw][ic][oc]}, so the inner loop runs over output channels. */
    private final Map<String, float[]> transposed = new HashMap<>();

    /** An evaluator of {@code g}; it may run several images at once on different threads. */
    public FloatEvaluator(FloatGraph g) {
        this.graph = g;
        for (Node n : g.nodes()) {
            if (n instanceof FloatGraph.Conv c && !c.depthwise()) transposed.put(c.name(), transpose(c));
        }
    }

    private static float[] transpose(FloatGraph.Conv c) {
        int oc = c.outChannels(), ic = c.in().c(), taps = c.window().kh() * c.window().kw();
        float[] w = c.weights(), t = new float[w.length];
        for (int o = 0; o < oc; o++) {
            for (int k = 0; k < taps; k++) {
                for (int i = 0; i < ic; i++) t[(k * ic + i) * oc + o] = w[(o * taps + k) * ic + i];
            }
        }
        return t;
    }

    /** As {@link #runAll(float[])} on a new evaluator of {@code g}. */
    public static Map<String, float[]> runAll(FloatGraph g, float[] x) {
        return new FloatEvaluator(g).runAll(x);
    }

    /** Every node's output (NHWC, one image) for input {@code x} (NHWC {@code [H][W][C]}), and the input as {@link FloatGraph#INPUT}. */
    public Map<String, float[]> runAll(float[] x) {
        Map<String, float[]> out = new HashMap<>();
        out.put(FloatGraph.INPUT, x);
        for (Node n : graph.nodes()) out.put(n.name(), run(n, out));
        return out;
    }

    private float[] run(Node n, Map<String, float[]> values) {
        return switch (n) {
            case FloatGraph.Conv c -> c.depthwise() ? depthwise(c, values.get(c.input()))
                    : conv(c, transposed.get(c.name()), values.get(c.input()));
            case FloatGraph.Pool p -> pool(p, values.get(p.input()));
            case FloatGraph.GlobalPool p -> globalPool(p, values.get(p.input()));
            case FloatGraph.Add a -> add(a, values.get(a.a()), values.get(a.b()));
            case FloatGraph.Concat c -> concat(c, values);
            case FloatGraph.Resize r -> resize(r, values.get(r.input()));
            case FloatGraph.Softmax m -> softmax(m, values.get(m.input()));
        };
    }

    private static float[] conv(FloatGraph.Conv c, float[] wt, float[] x) {
        FeatureShape in = c.in(), out = c.output();
        Window w = c.window();
        int ic = in.c(), oc = c.outChannels();
        float[] y = new float[out.h() * out.w() * oc];
        float[] acc = new float[oc];
        for (int oy = 0; oy < out.h(); oy++) {
            for (int ox = 0; ox < out.w(); ox++) {
                System.arraycopy(c.bias(), 0, acc, 0, oc);
                for (int ky = 0; ky < w.kh(); ky++) {
                    int iy = oy * w.sh() - w.padding().top() + ky * w.dh();
                    if (iy < 0 || iy >= in.h()) continue;
                    for (int kx = 0; kx < w.kw(); kx++) {
                        int ix = ox * w.sw() - w.padding().left() + kx * w.dw();
                        if (ix < 0 || ix >= in.w()) continue;
                        int xb = (iy * in.w() + ix) * ic;
                        int wb = (ky * w.kw() + kx) * ic * oc;
                        for (int i = 0; i < ic; i++) {
                            float xv = x[xb + i];
                            if (xv == 0f) continue; // after a ReLU most inputs are zero
                            int row = wb + i * oc;
                            for (int o = 0; o < oc; o++) acc[o] += xv * wt[row + o];
                        }
                    }
                }
                int yb = (oy * out.w() + ox) * oc;
                for (int o = 0; o < oc; o++) y[yb + o] = c.act().apply(acc[o], c.alpha());
            }
        }
        return y;
    }

    private static float[] depthwise(FloatGraph.Conv c, float[] x) {
        FeatureShape in = c.in(), out = c.output();
        Window w = c.window();
        int ic = in.c(), oc = c.outChannels(), m = oc / ic;
        float[] wt = c.weights();
        float[] y = new float[out.h() * out.w() * oc];
        for (int oy = 0; oy < out.h(); oy++) {
            for (int ox = 0; ox < out.w(); ox++) {
                int yb = (oy * out.w() + ox) * oc;
                for (int o = 0; o < oc; o++) y[yb + o] = c.bias()[o];
                for (int ky = 0; ky < w.kh(); ky++) {
                    int iy = oy * w.sh() - w.padding().top() + ky * w.dh();
                    if (iy < 0 || iy >= in.h()) continue;
                    for (int kx = 0; kx < w.kw(); kx++) {
                        int ix = ox * w.sw() - w.padding().left() + kx * w.dw();
                        if (ix < 0 || ix >= in.w()) continue;
                        int xb = (iy * in.w() + ix) * ic;
                        int wb = (ky * w.kw() + kx) * oc;
                        for (int o = 0; o < oc; o++) y[yb + o] += x[xb + o / m] * wt[wb + o];
                    }
                }
                for (int o = 0; o < oc; o++) y[yb + o] = c.act().apply(y[yb + o], c.alpha());
            }
        }
        return y;
    }

    private static float[] pool(FloatGraph.Pool p, float[] x) {
        FeatureShape in = p.in(), out = p.output();
        Window w = p.window();
        int c = in.c();
        boolean max = p.kind() == PoolSpec.Kind.MAX;
        float area = w.kh() * w.kw();
        float[] y = new float[out.h() * out.w() * c];
        for (int oy = 0; oy < out.h(); oy++) {
            for (int ox = 0; ox < out.w(); ox++) {
                for (int ch = 0; ch < c; ch++) {
                    float r = max ? Float.NEGATIVE_INFINITY : 0f;
                    for (int ky = 0; ky < w.kh(); ky++) {
                        int iy = oy * w.sh() - w.padding().top() + ky;
                        if (iy < 0 || iy >= in.h()) continue;
                        for (int kx = 0; kx < w.kw(); kx++) {
                            int ix = ox * w.sw() - w.padding().left() + kx;
                            if (ix < 0 || ix >= in.w()) continue;
                            float v = x[(iy * in.w() + ix) * c + ch];
                            r = max ? Math.max(r, v) : r + v;
                        }
                    }
                    y[(oy * out.w() + ox) * c + ch] = p.act().apply(max ? r : r / area, 0f);
                }
            }
        }
        return y;
    }

    private static float[] globalPool(FloatGraph.GlobalPool p, float[] x) {
        int c = p.in().c(), n = p.in().h() * p.in().w();
        double[] sum = new double[c];
        for (int i = 0; i < n; i++) for (int ch = 0; ch < c; ch++) sum[ch] += x[i * c + ch];
        float[] y = new float[c];
        for (int ch = 0; ch < c; ch++) y[ch] = p.act().apply((float) (sum[ch] / n), 0f);
        return y;
    }

    private static float[] add(FloatGraph.Add a, float[] x, float[] z) {
        float[] y = new float[x.length];
        for (int i = 0; i < y.length; i++) y[i] = a.act().apply(x[i] + z[i], a.alpha());
        return y;
    }

    private static float[] concat(FloatGraph.Concat c, Map<String, float[]> values) {
        FeatureShape out = c.output();
        float[] y = new float[out.h() * out.w() * out.c()];
        int offset = 0;
        for (int k = 0; k < c.inputs().size(); k++) {
            float[] x = values.get(c.inputs().get(k));
            int ck = c.shapes().get(k).c();
            for (int p = 0; p < out.h() * out.w(); p++) System.arraycopy(x, p * ck, y, p * out.c() + offset, ck);
            offset += ck;
        }
        return y;
    }

    private static float[] softmax(FloatGraph.Softmax m, float[] x) {
        int c = m.in().c();
        float[] y = new float[x.length];
        for (int p = 0; p < x.length; p += c) {
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (int i = 0; i < c; i++) max = Math.max(max, x[p + i]);
            for (int i = 0; i < c; i++) sum += Math.exp(x[p + i] - max);
            for (int i = 0; i < c; i++) y[p + i] = (float) (Math.exp(x[p + i] - max) / sum);
        }
        return y;
    }

    private static float[] resize(FloatGraph.Resize r, float[] x) {
        FeatureShape in = r.in(), out = r.output();
        int c = in.c();
        float[] y = new float[out.h() * out.w() * c];
        for (int oy = 0; oy < out.h(); oy++) {
            for (int ox = 0; ox < out.w(); ox++) {
                System.arraycopy(x, ((oy / r.fy()) * in.w() + ox / r.fx()) * c, y, (oy * out.w() + ox) * c, c);
            }
        }
        return y;
    }
}
