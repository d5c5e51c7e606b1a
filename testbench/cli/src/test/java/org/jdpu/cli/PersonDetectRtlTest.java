package org.jdpu.cli;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.compiler.net.LayerTensors;
import org.jdpu.cosim.net.NetCosim;
import org.jdpu.cosim.net.NetCosimResult;
import org.jdpu.golden.Golden;
import org.jdpu.golden.NetworkRunner;
import org.jdpu.importer.accuracy.GoldenClassifier;
import org.jdpu.importer.tflite.PaletteBmp;
import org.jdpu.importer.tflite.TfliteImport;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.tensor.Int8Tensor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * person_detect.tflite (TFLite Micro's MobileNet-v1 Visual Wake Words model, read in place from
 * the third-party models folder) through the Verilated B512+tflite network engine from one START:
 * 14 convolutions, 13 depthwise convolutions and the average pool on the RTL, bit-exact with the
 * golden model and the ISS at every layer and cycle-exact with the whole-program model; the
 * SOFTMAX on the host (the golden model). It must classify the example's two images as TFLite
 * Micro's test requires: person.bmp's person score above its no-person score, no_person.bmp's below.
 */
@Tag("third-party-models")
class PersonDetectRtlTest {
    @TempDir
    Path out;

    @Test
    void classifiesTheTwoTestImagesOnTheRtl() {
        Path dir = models();
        TfliteImport.run(dir.resolve("person_detect.tflite"), out);
        GoldenClassifier model = GoldenClassifier.load(out.resolve("network.json"), 96 * 96);
        NetworkSpec full = model.network();
        List<NetworkSpec.Layer> layers = full.layers();
        assertTrue(layers.getLast().spec().runsOnHost(), "the SOFTMAX is the host's");
        NetworkSpec engine = new NetworkSpec(full.file(), layers.subList(0, layers.size() - 1));
        List<LayerTensors> tensors = new ArrayList<>();
        for (int i = 0; i < layers.size() - 1; i++) tensors.add(new LayerTensors(model.weights(i), model.bias(i)));
        DpuConfig c = DpuConfig.parse("B512+tflite");
        for (String image : new String[] {"person.bmp", "no_person.bmp"}) {
            Int8Tensor x = new Int8Tensor(new int[] {1, 96, 96, 1}, PaletteBmp.pixels(dir.resolve(image)));
            NetCosimResult r = NetCosim.run(c, AxiConfig.DEFAULT, engine, x, tensors, NetCosim.Options.defaults(), cycles -> { });
            System.out.println("person_detect " + image + " " + r.resultLine());
            assertTrue(r.passed(), r.resultLine());
            assertEquals(r.predictedCycles(), r.run().cycles(), "the whole-program cycle model");
            Int8Tensor logits = r.rtlOutputs().getLast();
            Int8Tensor scores = (Int8Tensor) Golden.run(layers.getLast().spec(), logits, null, null);
            Int8Tensor golden = (Int8Tensor) NetworkRunner.runAll(full, x, model::weights, model::bias)
                    .get(layers.getLast().name());
            assertArrayEquals(golden.data(), scores.data(), "the engine's logits give the golden model's scores");
            int noPerson = scores.intAt(0), person = scores.intAt(1);
            System.out.println("person_detect on " + c.name() + ": " + image + " scores [no person, person] = ["
                    + noPerson + ", " + person + "]");
            if (image.equals("person.bmp")) assertTrue(person > noPerson, Arrays.toString(scores.data()));
            else assertTrue(noPerson > person, Arrays.toString(scores.data()));
        }
    }

    static Path models() {
        String env = System.getenv("JDPU_MODELS");
        // Surefire runs in the module directory, testbench/cli.
        Path dir = (env != null && !env.isBlank() ? Path.of(env) : Path.of("../../../shared/models")).resolve("tflite-micro");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("no third-party models in " + dir.toAbsolutePath().normalize()
                    + " (set JDPU_MODELS to the folder that holds tflite-micro/)");
        }
        return dir;
    }
}
