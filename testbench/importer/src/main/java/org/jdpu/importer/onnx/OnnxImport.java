package org.jdpu.importer.onnx;

import org.jdpu.importer.edge.EdgeDType;
import org.jdpu.importer.edge.EdgeQuant;
import org.jdpu.importer.edge.EdgeTensor;
import org.jdpu.importer.edge.ImportOptions;
import org.jdpu.importer.edge.ImportResult;
import org.jdpu.importer.edge.ImportedNetwork;
import org.jdpu.importer.edge.ModelEdge;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.NetworkWriter;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ONNX model to INT8 network: read the file, map it to a {@link FloatGraph}, then either calibrate
 * and quantize a float model ({@link Pow2Quantizer}) or take a QDQ model's own scales
 * ({@link QdqQuantizer}), and write {@code network.json}, its tensors and {@code model-edge.json}.
 */
public final class OnnxImport {
    private OnnxImport() {}

    /** A mapped and quantized model, before anything is written. */
    public record Prepared(FloatGraph graph, List<NetworkWriter.Entry> entries, ModelEdge edge, List<String> notes) {}

    public static ImportResult run(Path model, ImportOptions options, Path outDir) {
        long start = System.nanoTime();
        Prepared p = prepare(model, options);
        NetworkSpec net = ImportedNetwork.write(outDir, p.entries(), p.edge());
        List<String> notes = new ArrayList<>(p.notes());
        notes.add(String.format("imported and quantized in %.1f s", (System.nanoTime() - start) / 1e9));
        return new ImportResult(net, p.edge(), notes);
    }

    /** Reads, maps and quantizes {@code model}; writes nothing. */
    public static Prepared prepare(Path model, ImportOptions options) {
        OnnxFile file = OnnxFile.read(model);
        GraphMapper.Mapped mapped = GraphMapper.map(file);
        List<NetworkWriter.Entry> entries;
        Map<String, EdgeQuant> quant = new HashMap<>();
        List<String> notes = new ArrayList<>();
        if (mapped.qdq()) {
            if (options.calibration() != null) {
                throw new OnnxException(model, "a QDQ model is already quantized; it takes no --calibration");
            }
            QdqQuantizer.Result q = QdqQuantizer.quantize(mapped, model);
            entries = q.entries();
            quant.putAll(q.edgeQuant());
            notes.addAll(q.notes());
        } else {
            List<float[]> images = Calibration.load(options.calibration(), mapped.inputShape(), mapped.inputLayout());
            Pow2Quantizer.Result q = Pow2Quantizer.quantize(mapped.graph(), images, model);
            entries = q.entries();
            q.fixPoints().forEach((k, v) -> quant.put(k, new EdgeQuant.FixPoint(v)));
            for (FloatGraph.Node node : mapped.graph().nodes()) {
                if (node instanceof FloatGraph.Softmax) quant.put(node.name(), Pow2Quantizer.SOFTMAX_OUTPUT);
            }
            notes.add(images.size() + " calibration inputs; fix points: input " + q.fixPoints().get(FloatGraph.INPUT)
                    + ", outputs " + mapped.outputs().stream().map(o -> o.tensor() + " " + q.fixPoints().get(o.node())).toList());
        }
        EdgeTensor in = new EdgeTensor(mapped.inputName(), FloatGraph.INPUT, mapped.inputShape(), mapped.inputLayout(),
                EdgeDType.FLOAT32, quant.get(FloatGraph.INPUT));
        List<EdgeTensor> outs = new ArrayList<>();
        for (GraphMapper.ModelOutput o : mapped.outputs()) {
            QdqParams integer = o.integerOutput();
            EdgeDType type = integer == null ? EdgeDType.FLOAT32 : integer.unsigned() ? EdgeDType.UINT8 : EdgeDType.INT8;
            outs.add(new EdgeTensor(o.tensor(), o.node(), o.shape(), o.layout(), type, quant.get(o.node())));
        }
        String name = model.getFileName() == null ? model.toString() : model.getFileName().toString();
        return new Prepared(mapped.graph(), entries, new ModelEdge(name, in, outs), notes);
    }
}
