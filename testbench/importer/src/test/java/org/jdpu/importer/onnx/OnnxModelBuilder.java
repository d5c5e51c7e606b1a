package org.jdpu.importer.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Builds small ONNX models in the tests with the protobuf builders, as a PyTorch export lays them
 * out (float initializers in {@code raw_data}, opset 13). Random weights are He-scaled so that
 * activations stay of order one through the layers.
 */
public final class OnnxModelBuilder {
    private final GraphProto.Builder graph = GraphProto.newBuilder().setName("test");
    private final Random random;
    private long opset = 13;
    private int counter;

    public OnnxModelBuilder(long seed) {
        this.random = new Random(seed);
    }

    public OnnxModelBuilder opset(long v) {
        opset = v;
        return this;
    }

    /** A float input; a dimension of -1 is dynamic ({@code dim_param}). */
    public OnnxModelBuilder input(String name, long... dims) {
        graph.addInput(valueInfo(name, dims));
        return this;
    }

    /** Declares {@code name} a graph output. */
    public OnnxModelBuilder output(String name) {
        graph.addOutput(ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE))));
        return this;
    }

    private static ValueInfoProto valueInfo(String name, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(d < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("batch_" + (-d))
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }

    public static TensorProto floats(String name, int[] shape, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) b.putFloat(v);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(b.array()));
        for (int d : shape) t.addDims(d);
        return t.build();
    }

    public static TensorProto longs(String name, long... values) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE)
                .addDims(values.length);
        for (long v : values) t.addInt64Data(v);
        return t.build();
    }

    /** An int64 scalar (rank 0), e.g. a Gather index. */
    public static TensorProto scalarLong(String name, long value) {
        return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE).addInt64Data(value).build();
    }

    public OnnxModelBuilder initializer(TensorProto t) {
        graph.addInitializer(t);
        return this;
    }

    /** A random initializer of {@code shape}, uniform in +-scale. */
    public String random(String name, float scale, int... shape) {
        int n = 1;
        for (int d : shape) n *= d;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (random.nextFloat() * 2 - 1) * scale;
        graph.addInitializer(floats(name, shape, v));
        return name;
    }

    /** Positive random values in [lo, hi). */
    public String positive(String name, float lo, float hi, int... shape) {
        int n = 1;
        for (int d : shape) n *= d;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = lo + random.nextFloat() * (hi - lo);
        graph.addInitializer(floats(name, shape, v));
        return name;
    }

    public static AttributeProto ints(String name, long... v) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long x : v) a.addInts(x);
        return a.build();
    }

    public static AttributeProto integer(String name, long v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
    }

    public static AttributeProto real(String name, float v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(v).build();
    }

    public static AttributeProto string(String name, String v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(v)).build();
    }

    /** Adds a node named after its op and a counter; returns its (first) output name. */
    public String node(String op, String[] inputs, AttributeProto... attrs) {
        String name = op.toLowerCase() + (++counter);
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name).addOutput(name + "_out");
        for (String i : inputs) n.addInput(i);
        for (AttributeProto a : attrs) n.addAttribute(a);
        graph.addNode(n);
        return name + "_out";
    }

    /** A conv with He-scaled random weights and bias; {@code group} 1 or the input channels. */
    public String conv(String x, int inC, int outC, int k, int stride, int pad, int group) {
        int id = counter + 1;
        float scale = (float) Math.sqrt(6.0 / (inC / group * k * k));
        String w = random("w" + id, scale, outC, inC / group, k, k);
        String b = random("b" + id, 0.1f, outC);
        return node("Conv", new String[] {x, w, b}, ints("kernel_shape", k, k), ints("strides", stride, stride),
                ints("pads", pad, pad, pad, pad), integer("group", group));
    }

    public String batchNorm(String x, int c) {
        int id = counter + 1;
        return node("BatchNormalization", new String[] {x, positive("g" + id, 0.5f, 1.5f, c), random("be" + id, 0.2f, c),
                random("m" + id, 0.2f, c), positive("v" + id, 0.5f, 2f, c)}, real("epsilon", 1e-5f));
    }

    public String relu(String x) {
        return node("Relu", new String[] {x});
    }

    public String maxPool(String x, int k, int s) {
        return node("MaxPool", new String[] {x}, ints("kernel_shape", k, k), ints("strides", s, s));
    }

    public String gemm(String x, int in, int out) {
        int id = counter + 1;
        String w = random("fw" + id, (float) Math.sqrt(6.0 / in), out, in);
        String b = random("fb" + id, 0.1f, out);
        return node("Gemm", new String[] {x, w, b}, integer("transB", 1));
    }

    public byte[] bytes() {
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("jdpu-test")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
                .setGraph(graph).build().toByteArray();
    }

    public Path write(Path file) throws IOException {
        return Files.write(file, bytes());
    }

    // ---- QDQ models, laid out as PyTorch exports them ----------------------------------------------

    private String scalar(String name, float v) {
        graph.addInitializer(floats(name, new int[0], new float[] {v}));
        return name;
    }

    private String integers(String name, int type, int[] shape, long... v) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type);
        for (int d : shape) t.addDims(d);
        ByteBuffer b = ByteBuffer.allocate(v.length * (type == TensorProto.DataType.INT32_VALUE ? 4 : 1))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (long x : v) {
            if (type == TensorProto.DataType.INT32_VALUE) b.putInt((int) x);
            else b.put((byte) x);
        }
        graph.addInitializer(t.setRawData(ByteString.copyFrom(b.array())).build());
        return name;
    }

    /** {@code QuantizeLinear} then {@code DequantizeLinear} with a uint8 zero point: the fake quantization of an activation. */
    public String qdq(String x, float scale, int zeroPoint) {
        int id = counter + 1;
        String s = scalar("qs" + id, scale);
        String z = integers("qz" + id, TensorProto.DataType.UINT8_VALUE, new int[0], zeroPoint);
        String q = node("QuantizeLinear", new String[] {x, s, z});
        return node("DequantizeLinear", new String[] {q, s, z});
    }

    /** A {@code QuantizeLinear} alone: the model output is the uint8 integers. */
    public String quantize(String x, float scale, int zeroPoint) {
        int id = counter + 1;
        String s = scalar("os" + id, scale);
        String z = integers("oz" + id, TensorProto.DataType.UINT8_VALUE, new int[0], zeroPoint);
        return node("QuantizeLinear", new String[] {x, s, z});
    }

    /** Declares {@code name} a uint8 graph output. */
    public OnnxModelBuilder uint8Output(String name) {
        graph.addOutput(ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.UINT8_VALUE))));
        return this;
    }

    /** As {@link #qdq}, with the no-op casts exporters write: the uint8 integers to uint8, the float result to float. */
    public String qdqWithCasts(String x, float scale, int zeroPoint) {
        int id = counter + 1;
        String s = scalar("cs" + id, scale);
        String z = integers("cz" + id, TensorProto.DataType.UINT8_VALUE, new int[0], zeroPoint);
        String q = node("QuantizeLinear", new String[] {x, s, z});
        q = node("Cast", new String[] {q}, integer("to", TensorProto.DataType.UINT8_VALUE));
        String dq = node("DequantizeLinear", new String[] {q, s, z});
        return node("Cast", new String[] {dq}, integer("to", TensorProto.DataType.FLOAT_VALUE));
    }

    /**
     * A QDQ convolution: random int8 weights in +-{@code wMax} dequantized with {@code wScale}, a
     * random int32 bias at {@code inScale * wScale}, group 1 or depthwise.
     */
    public String qdqConv(String x, int inC, int outC, int k, int pad, int group, float inScale, float wScale, int wMax) {
        int id = counter + 1;
        long[] w = new long[outC * (inC / group) * k * k];
        for (int i = 0; i < w.length; i++) w[i] = random.nextInt(2 * wMax + 1) - wMax;
        long[] b = new long[outC];
        for (int i = 0; i < outC; i++) b[i] = random.nextInt(2001) - 1000;
        String wq = integers("wq" + id, TensorProto.DataType.INT8_VALUE, new int[] {outC, inC / group, k, k}, w);
        String wz = integers("wz" + id, TensorProto.DataType.INT8_VALUE, new int[0], 0);
        String wdq = node("DequantizeLinear", new String[] {wq, scalar("ws" + id, wScale), wz});
        String bq = integers("bq" + id, TensorProto.DataType.INT32_VALUE, new int[] {outC}, b);
        String bz = integers("bz" + id, TensorProto.DataType.INT32_VALUE, new int[0], 0);
        String bdq = node("DequantizeLinear", new String[] {bq, scalar("bs" + id, inScale * wScale), bz});
        return node("Conv", new String[] {x, wdq, bdq}, ints("kernel_shape", k, k), ints("pads", pad, pad, pad, pad),
                integer("group", group));
    }

    /**
     * A QDQ convolution with per-output-channel weight scales ({@code DequantizeLinear} with axis 0,
     * as PyTorch's per-channel observers export), the bias of channel o at {@code inScale * wScales[o]}.
     */
    public String qdqConvPerChannel(String x, int inC, int outC, int k, int pad, float inScale, float[] wScales, int wMax) {
        int id = counter + 1;
        long[] w = new long[outC * inC * k * k];
        for (int i = 0; i < w.length; i++) w[i] = random.nextInt(2 * wMax + 1) - wMax;
        String wq = integers("pq" + id, TensorProto.DataType.INT8_VALUE, new int[] {outC, inC, k, k}, w);
        String wz = integers("pz" + id, TensorProto.DataType.INT8_VALUE, new int[] {outC}, new long[outC]);
        graph.addInitializer(floats("ps" + id, new int[] {outC}, wScales));
        String wdq = node("DequantizeLinear", new String[] {wq, "ps" + id, wz}, integer("axis", 0));
        float[] b = new float[outC];
        for (int o = 0; o < outC; o++) b[o] = (random.nextInt(2001) - 1000) * inScale * wScales[o];
        graph.addInitializer(floats("pb" + id, new int[] {outC}, b));
        return node("Conv", new String[] {x, wdq, "pb" + id}, ints("kernel_shape", k, k), ints("pads", pad, pad, pad, pad));
    }

    /** A QDQ Gemm (transB) with random int8 weights and int32 bias. */
    public String qdqGemm(String x, int in, int out, float inScale, float wScale, int wMax) {
        int id = counter + 1;
        long[] w = new long[out * in];
        for (int i = 0; i < w.length; i++) w[i] = random.nextInt(2 * wMax + 1) - wMax;
        long[] b = new long[out];
        for (int i = 0; i < out; i++) b[i] = random.nextInt(2001) - 1000;
        String wq = integers("gq" + id, TensorProto.DataType.INT8_VALUE, new int[] {out, in}, w);
        String wz = integers("gz" + id, TensorProto.DataType.INT8_VALUE, new int[0], 0);
        String wdq = node("DequantizeLinear", new String[] {wq, scalar("gs" + id, wScale), wz});
        String bq = integers("gbq" + id, TensorProto.DataType.INT32_VALUE, new int[] {out}, b);
        String bz = integers("gbz" + id, TensorProto.DataType.INT32_VALUE, new int[0], 0);
        String bdq = node("DequantizeLinear", new String[] {bq, scalar("gbs" + id, inScale * wScale), bz});
        return node("Gemm", new String[] {x, wdq, bdq}, integer("transB", 1));
    }
}
