package org.jdpu.importer.tflite;

import org.jdpu.golden.NetworkRunner;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Tensor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * person_detect.tflite (TFLite Micro's Visual Wake Words MobileNet) imported and run through the
 * golden model on the example's two images, fed as TFLite Micro's test feeds them (the BMP's bytes,
 * rows top to bottom, as int8). Its test requires the person score to win on person.bmp and the
 * no-person score on no_person.bmp.
 */
@Tag(SharedModels.TAG)
class PersonDetectTest {
    @TempDir
    Path out;

    @Test
    void importsAndClassifiesTheTwoTestImages() {
        Path dir = SharedModels.tfliteMicro();
        TfliteNetwork mapped = TfliteImport.map(dir.resolve("person_detect.tflite"));
        assertEquals(30, mapped.entries().size(), "14 CONV_2D + 14 DEPTHWISE_CONV_2D + AVERAGE_POOL_2D + SOFTMAX");
        assertTrue(mapped.entries().getLast().spec().runsOnHost(), "the final SOFTMAX is left to the host");
        NetworkSpec net = TfliteImport.run(dir.resolve("person_detect.tflite"), out).network();
        int[] person = scores(net, dir.resolve("person.bmp"));
        int[] noPerson = scores(net, dir.resolve("no_person.bmp"));
        System.out.println("person_detect int8 scores [no person, person] after the host softmax: person.bmp "
                + Arrays.toString(person) + ", no_person.bmp " + Arrays.toString(noPerson));
        assertTrue(person[1] > person[0], "person.bmp: " + Arrays.toString(person));
        assertTrue(noPerson[0] > noPerson[1], "no_person.bmp: " + Arrays.toString(noPerson));
    }

    @Test
    void everyLayerIsBitExactWithTflitesKernelsRunOperatorByOperator() {
        Path dir = SharedModels.tfliteMicro();
        Path model = dir.resolve("person_detect.tflite");
        NetworkSpec net = TfliteImport.run(model, out).network();
        TfliteModel m = TfliteReader.read(model);
        int layers = 0, values = 0;
        for (String image : new String[] {"person.bmp", "no_person.bmp"}) {
            byte[] px = SharedModels.bmpPixels(dir.resolve(image));
            java.util.Map<Integer, TfliteReference.Map> want = TfliteGraphReference.run(m, px);
            java.util.Map<String, Tensor> got = NetworkRunner.runAll(net, new Int8Tensor(new int[] {1, 96, 96, 1}, px));
            for (NetworkSpec.Layer l : net.layers()) {
                if (l.spec().runsOnHost()) continue; // the reference stops at the SOFTMAX
                int op = Integer.parseInt(l.name().substring(2, l.name().indexOf('_')));
                byte[] y = ((Int8Tensor) got.get(l.name())).data();
                org.junit.jupiter.api.Assertions.assertArrayEquals(want.get(op).v(), y, image + ": " + l.name());
                layers++;
                values += y.length;
            }
        }
        System.out.println("person_detect: " + layers + " layer outputs (" + values + " values) over the two images "
                + "bit-exact with the operator-by-operator reference");
        assertEquals(58, layers);
    }

    /** The model output: the softmax scores, int8 with scale 1/256 and zero point -128. */
    private static int[] scores(NetworkSpec net, Path bmp) {
        Int8Tensor x = new Int8Tensor(new int[] {1, 96, 96, 1}, SharedModels.bmpPixels(bmp));
        Tensor y = NetworkRunner.run(net, x);
        assertEquals("[1, 1, 1, 2]", Arrays.toString(y.shape()));
        Int8Tensor scores = (Int8Tensor) y;
        return new int[] {scores.intAt(0), scores.intAt(1)};
    }
}
