package org.jdpu.importer.onnx;

import org.jdpu.importer.edge.EdgeDType;
import org.jdpu.importer.edge.EdgeQuant;
import org.jdpu.importer.edge.EdgeTensor;
import org.jdpu.importer.edge.ImportOptions;
import org.jdpu.importer.edge.ImportResult;
import org.jdpu.importer.edge.ImportedNetwork;
import org.jdpu.importer.edge.ModelEdge;
import org.jdpu.spec.NetworkSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Float ONNX model to power-of-two INT8 network: read the file, map it to a {@link FloatGraph},
 * calibrate and quantize it ({@link Pow2Quantizer}), write {@code network.json}, its tensors and
 * {@code model-edge.json}.
 */
public final class OnnxImport {
    private OnnxImport() {}

    /** A mapped and quantized model, before anything is written. */
    public record Prepared(FloatGraph graph, Pow2Quantizer.Result quantized, ModelEdge edge) {}

    public static ImportResult run(Path model, ImportOptions options, Path outDir) {
        long start = System.nanoTime();
        Prepared p = prepare(model, options);
        NetworkSpec net = ImportedNetwork.write(outDir, p.quantized().entries(), p.edge());
        List<String> notes = new ArrayList<>();
        notes.add(p.graph().nodes().size() + " layers; fix points: input " + p.quantized().fixPoints().get(FloatGraph.INPUT)
                + ", outputs " + p.edge().outputs().stream().map(o -> o.name() + " " + ((EdgeQuant.FixPoint) o.quant()).fixPoint())
                .toList());
        notes.add(String.format("imported and quantized in %.1f s", (System.nanoTime() - start) / 1e9));
        return new ImportResult(net, p.edge(), notes);
    }

    /** Reads, maps and quantizes {@code model}; writes nothing. */
    public static Prepared prepare(Path model, ImportOptions options) {
        OnnxFile file = OnnxFile.read(model);
        GraphMapper.Mapped mapped = GraphMapper.map(file);
        List<float[]> images = Calibration.load(options.calibration(), mapped.inputShape(), mapped.inputLayout());
        Pow2Quantizer.Result q = Pow2Quantizer.quantize(mapped.graph(), images, model);
        Map<String, Integer> fp = q.fixPoints();
        EdgeTensor in = new EdgeTensor(mapped.inputName(), FloatGraph.INPUT, mapped.inputShape(), mapped.inputLayout(),
                EdgeDType.FLOAT32, new EdgeQuant.FixPoint(fp.get(FloatGraph.INPUT)));
        List<EdgeTensor> outs = mapped.outputs().stream().map(o -> new EdgeTensor(o.tensor(), o.node(), o.shape(), o.layout(),
                EdgeDType.FLOAT32, new EdgeQuant.FixPoint(fp.get(o.node())))).toList();
        String name = model.getFileName() == null ? model.toString() : model.getFileName().toString();
        return new Prepared(mapped.graph(), q, new ModelEdge(name, in, outs));
    }
}
