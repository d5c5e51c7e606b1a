package org.jdpu.importer.tflite;

import org.jdpu.importer.edge.ImportResult;
import org.jdpu.importer.edge.ImportedNetwork;
import org.jdpu.spec.NetworkSpec;

import java.nio.file.Path;

/**
 * The TFLite import: reads an int8 {@code .tflite} model, maps it onto network-spec layers in
 * {@code multiplier} mode and writes the network directory. A model that cannot be read or mapped
 * fails with one {@link TfliteFormatException} naming the file and the operator, before anything is
 * written.
 */
public final class TfliteImport {
    private TfliteImport() {}

    /** Reads and maps {@code model} without writing anything. */
    public static TfliteNetwork map(Path model) {
        TfliteModel m = TfliteReader.read(model);
        try {
            return TfliteMapper.map(m);
        } catch (TfliteRefusal e) {
            throw new TfliteFormatException(model, e.getMessage());
        }
    }

    /**
     * Maps {@code model} and writes {@code outDir}: {@code network.json} with its tensors and
     * {@code model-edge.json}. Returns the network as parsed back, its edge and the mapping notes.
     */
    public static ImportResult run(Path model, Path outDir) {
        TfliteNetwork net = map(model);
        NetworkSpec spec = ImportedNetwork.write(outDir, net.entries(), net.edge());
        return new ImportResult(spec, net.edge(), net.notes());
    }
}
