package org.jdpu.cli;

import org.jdpu.io.UserError;

import org.jdpu.golden.Golden;
import org.jdpu.importer.edge.EdgeConversion;
import org.jdpu.importer.edge.EdgeTensor;
import org.jdpu.importer.edge.ModelEdge;
import org.jdpu.importer.edge.ModelEdgeJson;
import org.jdpu.golden.NetworkRunner;
import org.jdpu.spec.AddSpec;
import org.jdpu.spec.ConcatSpec;
import org.jdpu.spec.ConvolutionSpec;
import org.jdpu.spec.LayerChecks;
import org.jdpu.spec.LayerSpec;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.SpecException;
import org.jdpu.spec.SpecParser;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Npy;
import org.jdpu.tensor.Shapes;
import org.jdpu.tensor.Tensor;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code dpu golden}: runs the golden INT8 model on one layer or a network and writes the output {@code .npy}. */
@Command(name = "golden", mixinStandardHelpOptions = true,
        description = {"Run the golden INT8 model on one layer or a network; write the output as .npy.",
                "The output file appears only when everything succeeded."})
public final class GoldenCommand implements Runnable {

    static final class Source {
        @Option(names = "--layer", paramLabel = "L.json", required = true, description = "layer spec JSON")
        Path layer;

        @Option(names = "--network", paramLabel = "N.json", required = true,
                description = "network spec JSON (a list of layers with their tensor files)")
        Path network;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--input", paramLabel = "x.npy", required = true,
            description = "int8 input [1,H,W,C]; for an imported network the model's own input (" + ModelEdgeJson.FILE + ")")
    Path input;

    @Option(names = "--input-b", paramLabel = "b.npy", description = "second int8 input of an add layer")
    Path inputB;

    @Option(names = "--weights", paramLabel = "w.npy", description = "int8 weights (conv2d OHWI, depthwise [1,KH,KW,C*M])")
    Path weights;

    @Option(names = "--bias", paramLabel = "b.npy", description = "int32 bias [OC] (default zeros)")
    Path bias;

    @Option(names = "--out", paramLabel = "y.npy", required = true, description = "output .npy (int8, or int32 in quant mode "
            + "none; an imported network's output in the model's shape, float32 for a float model, further outputs "
            + "beside it as y_1.npy, ...); " + OutputHelp.FILE)
    Path out;

    @Override
    public void run() {
        Npy.checkWritable(out);
        ModelEdge edge = source.network == null ? null : ModelEdgeJson.readBeside(source.network);
        if (edge != null) {
            runImported(edge);
            return;
        }
        Tensor y = source.layer != null ? runLayer() : runNetwork();
        Npy.write(out, y);
        System.out.println("wrote " + out + ": " + y.describe());
    }

    private Tensor runLayer() {
        LayerSpec spec = SpecParser.parseLayer(source.layer);
        if (spec instanceof ConcatSpec) {
            throw new UserError("concat layer " + source.layer + " joins the outputs of other layers; run it in a network "
                    + "(--network)");
        }
        LayerChecks.checkTensorSizes(spec, source.layer);
        boolean convolution = spec instanceof ConvolutionSpec;
        boolean add = spec instanceof AddSpec;
        if (!convolution) {
            forbid(weights, "--weights", spec);
            forbid(bias, "--bias", spec);
        } else if (weights == null) {
            throw new UserError(spec.op() + " layer " + source.layer + " needs --weights");
        }
        if (add && inputB == null) throw new UserError("add layer " + source.layer + " needs --input-b");
        if (!add) forbid(inputB, "--input-b", spec);
        Int8Tensor x = Npy.readInt8(input);
        try {
            if (spec instanceof AddSpec a) return Golden.add(a, x, Npy.readInt8(inputB));
            Int8Tensor w = weights == null ? null : Npy.readInt8(weights);
            Int32Tensor b = bias == null ? null : Npy.readInt32(bias);
            return Golden.run(spec, x, w, b);
        } catch (SpecException e) {
            Path file = switch (e.field()) {
                case "input" -> input;
                case "input_b" -> inputB;
                case "weights" -> weights;
                case "bias" -> bias;
                default -> null;
            };
            if (file == null) throw e;
            throw new UserError(file + ": " + e.field() + " " + e.problem() + " (layer " + source.layer + ")", e);
        }
    }

    private void forbid(Path given, String option, LayerSpec spec) {
        if (given != null) throw new UserError(spec.op() + " layer " + source.layer + " takes no " + option);
    }

    /**
     * A network with a model edge: the model's input is converted (quantized if float, moved to NHWC),
     * and every model output is written in the model's shape and dtype; all files are checked before any is written.
     */
    private void runImported(ModelEdge edge) {
        if (weights != null || bias != null || inputB != null) {
            throw new UserError("--network takes its tensors from the network file; drop --weights, --bias and --input-b");
        }
        NetworkSpec net = SpecParser.parseNetwork(source.network);
        Int8Tensor x = EdgeConversion.readInput(edge.input(), input);
        Map<String, Tensor> all = NetworkRunner.runAll(net, x);
        List<Path> files = new ArrayList<>();
        List<Int8Tensor> ys = new ArrayList<>();
        for (int i = 0; i < edge.outputs().size(); i++) {
            EdgeTensor o = edge.outputs().get(i);
            if (!(all.get(o.layer()) instanceof Int8Tensor y)) {
                throw new UserError(source.network + ": model output " + o.name() + " names entry " + o.layer()
                        + ", which the network does not compute as int8");
            }
            if (!java.util.Arrays.equals(y.shape(), o.networkShape())) {
                throw new UserError(source.network + ": model output " + o.name() + " is " + Shapes.format(o.networkShape())
                        + " in " + ModelEdgeJson.FILE + " but entry " + o.layer() + " computes " + y.describe());
            }
            Path f = i == 0 ? out : sibling(out, i);
            Npy.checkWritable(f);
            files.add(f);
            ys.add(y);
        }
        for (int i = 0; i < edge.outputs().size(); i++) {
            EdgeTensor o = edge.outputs().get(i);
            String what = EdgeConversion.writeOutput(o, ys.get(i), files.get(i));
            System.out.println("wrote " + files.get(i) + ": " + what + " (model output " + o.name() + ")");
        }
    }

    private static Path sibling(Path first, int i) {
        String name = first.getFileName().toString();
        String stem = name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
        return first.resolveSibling(stem + "_" + i + ".npy");
    }

    private Tensor runNetwork() {
        if (weights != null || bias != null || inputB != null) {
            throw new UserError("--network takes its tensors from the network file; drop --weights, --bias and --input-b");
        }
        NetworkSpec net = SpecParser.parseNetwork(source.network);
        Int8Tensor x = Npy.readInt8(input);
        int[] expected = net.input().tensorShape();
        if (!java.util.Arrays.equals(x.shape(), expected)) {
            throw new UserError(input + ": shape " + Shapes.format(x.shape()) + " does not match the network input "
                    + Shapes.format(expected) + " = [1, input.h, input.w, input.c] of " + source.network + " $[0]");
        }
        return NetworkRunner.run(net, x);
    }
}
