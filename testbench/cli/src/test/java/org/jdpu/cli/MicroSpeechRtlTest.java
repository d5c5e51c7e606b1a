package org.jdpu.cli;

import org.jdpu.cli.CliCapture.Result;
import org.jdpu.importer.tflite.TfliteImport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * micro_speech_quantized.tflite (TFLite Micro's keyword-spotting model, read in place from the
 * third-party models folder) through {@code dpu cosim --network} on B512+tflite: its depthwise
 * convolution and its fully connected layer on a 25x20x8 map (read as one pixel of the map's bytes)
 * on the RTL, bit-exact and cycle-exact, and its SOFTMAX on the host from the engine's output. The
 * model's audio front end is not part of it, so the input is drawn from a seed.
 */
@Tag("third-party-models")
class MicroSpeechRtlTest {
    @TempDir
    Path tmp;

    @Test
    void runsWholeThroughTheCosimCommand() throws Exception {
        Path net = tmp.resolve("micro_speech");
        TfliteImport.run(PersonDetectRtlTest.models().resolve("micro_speech_quantized.tflite"), net);
        Result r = CliCapture.run(new CosimCommand(), "--arch", "B512+tflite", "--network",
                net.resolve("network.json").toString(), "--seed", "5", "--out", tmp.resolve("out").toString());
        System.out.println(r.out());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("layers=2 ") && r.out().contains("mismatches=0"), r.out());
        assertTrue(r.out().matches("(?s).*RESULT .* cycles=(\\d+) predicted=\\1 .*"), "cycles equal the model: " + r.out());
        assertTrue(r.out().contains("softmax on the engine's op2_fully_connected: equal to the golden model"), r.out());
        assertTrue(Files.exists(tmp.resolve("out").resolve("op3_softmax.npy")));
    }
}
