package org.jdpu.cli;

import org.jdpu.importer.Importer;
import org.jdpu.importer.edge.EdgeTensor;
import org.jdpu.importer.edge.ImportOptions;
import org.jdpu.importer.edge.ImportResult;
import org.jdpu.importer.edge.ModelEdgeJson;
import org.jdpu.spec.AddSpec;
import org.jdpu.spec.ConvolutionSpec;
import org.jdpu.spec.LayerSpec;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.NetworkWriter;
import org.jdpu.spec.Quant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code dpu import}: a trained model file to a network directory (network.json, tensors, model-edge.json). */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import a trained model (.onnx float, quantized to power-of-two fix points; .tflite int8) as a network directory.",
                "Writes DIR/network.json, its .npy tensors and DIR/" + ModelEdgeJson.FILE + "; nothing on failure."})
public final class ImportCommand implements Runnable {

    @Option(names = "--model", paramLabel = "M.onnx", required = true, description = "the model file (.onnx or .tflite)")
    Path model;

    @Option(names = "--calibration", paramLabel = "C",
            description = "calibration inputs of a float model: a .npy of N inputs stacked on the first axis in the "
                    + "model's input layout, or '" + ImportOptions.FASHION_MNIST + "' (the first 1,000 training images "
                    + "scaled to [0, 1])")
    String calibration;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "the network directory (replaced if it holds an earlier network); " + OutputHelp.DIRECTORY)
    Path out;

    /** One row per layer: what it computes, on which shapes, with which requantisation. */
    static String layers(NetworkSpec net) {
        TextTable t = new TextTable("  ", "layer", "op", "input", "output", "quant", "activation");
        for (NetworkSpec.Layer l : net.layers()) {
            LayerSpec s = l.spec();
            t.row(l.name(), s.op(), s.input().toString(), s.output().toString(), quant(s), s.activation().type());
        }
        return t.toString();
    }

    private static String quant(LayerSpec s) {
        return switch (s) {
            case ConvolutionSpec c -> switch (c.quant()) {
                case Quant.ShiftQuant q -> "fp in " + q.fpInput() + " w " + q.fpWeights() + " b " + q.fpBias() + " out " + q.fpOutput();
                case Quant.MultiplierQuant q -> "zp in " + q.inputZeroPoint() + " out " + q.outputZeroPoint() + ", "
                        + q.multiplier().length + " multipliers";
                case Quant.NoQuant q -> "none";
            };
            case AddSpec a -> switch (a.quant()) {
                case AddSpec.AddQuant q -> "fp in " + q.fpInput() + " + " + q.fpInputB() + " out " + q.fpOutput();
                case AddSpec.TfliteAddQuant q -> "zp in " + q.inputZeroPoint() + " + " + q.inputBZeroPoint() + " out "
                        + q.outputZeroPoint();
            };
            default -> "-";
        };
    }

    @Override
    public void run() {
        ImportResult r = Importer.run(model, new ImportOptions(calibration), out);
        NetworkSpec net = r.network();
        Map<String, Integer> ops = new LinkedHashMap<>();
        net.layers().forEach(l -> ops.merge(l.spec().op(), 1, Integer::sum));
        System.out.println("imported " + model + ": " + net.layers().size() + " layers " + ops);
        System.out.println("  input  " + r.edge().input());
        for (EdgeTensor o : r.edge().outputs()) System.out.println("  output " + o);
        r.notes().forEach(n -> System.out.println("  " + n));
        System.out.print(layers(net));
        System.out.println("wrote " + out.resolve(NetworkWriter.NETWORK_FILE) + " and " + out.resolve(ModelEdgeJson.FILE));
    }
}
