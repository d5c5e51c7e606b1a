package org.jdpu.cli;

import org.jdpu.importer.Importer;
import org.jdpu.importer.edge.ImportOptions;
import org.jdpu.importer.edge.ImportResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code dpu import}: a trained model ({@code .tflite} int8, {@code .onnx}) to a network directory. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import a trained model as a network: DIR/network.json, its tensors and DIR/model-edge.json.",
                "The reader is chosen by the extension (.tflite: int8 TFLite, layers in multiplier mode; .onnx).",
                "Nothing is written when the model cannot be read or mapped."})
public final class ImportCommand implements Runnable {
    @Option(names = "--model", paramLabel = "M", required = true, description = "the model file (.tflite or .onnx)")
    Path model;

    @Option(names = "--calibration", paramLabel = "C",
            description = "calibration inputs of a float model: a .npy of inputs stacked on the first axis, or fashion-mnist")
    String calibration;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "the network directory to write (replaced if it holds a network)")
    Path out;

    @Override
    public void run() {
        ImportResult r = Importer.run(model, new ImportOptions(calibration), out);
        r.notes().forEach(n -> System.out.println("note: " + n));
        System.out.println("wrote " + out + ": " + r.network().layers().size() + " layers, input " + r.edge().input()
                + ", output " + r.edge().outputs().getFirst());
    }
}
