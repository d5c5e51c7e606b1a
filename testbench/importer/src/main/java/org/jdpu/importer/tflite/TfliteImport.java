package org.jdpu.importer.tflite;

import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.NetworkWriter;

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
        } catch (TfliteMapper.TfliteRefusal e) {
            throw new TfliteFormatException(model, e.getMessage());
        }
    }

    /** Maps {@code model} and writes {@code outDir/network.json} with its tensors; returns the parsed network. */
    public static NetworkSpec write(Path model, Path outDir) {
        TfliteNetwork net = map(model);
        return NetworkWriter.write(outDir, net.entries());
    }
}
