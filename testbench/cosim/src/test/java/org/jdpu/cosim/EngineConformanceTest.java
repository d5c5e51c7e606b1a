package org.jdpu.cosim;

import org.jdpu.arch.DpuConfig;
import org.jdpu.cosim.net.EngineConformance;
import org.jdpu.golden.conformance.ConformanceSuite;
import org.jdpu.runtime.EngineSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A representative subset of the external conformance cases ({@code ../shared/conformance/extconv},
 * read in place) through the Verilated B512+tflite engine, each output against the source's own
 * expected output and each run's cycles against the cycle model: per-channel and per-tensor
 * multipliers, dilation, stride with padding, asymmetric TF-SAME padding, an activation range, a
 * 1xN kernel, a depthwise convolution (on the network engine). {@code make conformance-rtl} runs every case. The cases are third-party data, so the
 * test carries the third-party tag ({@code make test} runs it when {@code ../shared} is there).
 */
@Tag("third-party-models")
class EngineConformanceTest {
    static final List<String> SUBSET = List.of("cmsisnn_basic", "cmsisnn_conv_1_x_n_1", "cmsisnn_conv_2x3_dilation",
            "cmsisnn_conv_out_activation", "cmsisnn_stride2pad1", "cmsisnn_depthwise_2", "tflite_int8_simple_per_channel",
            "tflite_int8_simple_per_tensor", "tflm_padding_same_odd_5x5");

    @Test
    void representativeCasesAreBitExactOnTheEngine() throws IOException {
        Path dir = folder();
        List<Path> cases = SUBSET.stream().map(dir::resolve).toList();
        try (EngineSession session = EngineModels.open(DpuConfig.parse("B512+tflite"))) {
            EngineConformance engine = new EngineConformance(session);
            ConformanceSuite.Summary s = ConformanceSuite.run(cases, System.out, engine);
            assertEquals(SUBSET.size(), s.matched(), "every case of the subset is in scope and bit-exact");
            assertTrue(engine.layersRun() >= SUBSET.size());
        }
    }

    static Path folder() {
        String env = System.getenv("JDPU_MODELS");
        // Surefire runs in the module directory, testbench/cosim; the cases sit beside the models.
        Path shared = env != null && !env.isBlank() ? Path.of(env).resolve("..") : Path.of("../../../shared");
        Path dir = shared.resolve("conformance/extconv");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("no conformance cases in " + dir.toAbsolutePath().normalize()
                    + " (they sit beside the third-party models: set JDPU_MODELS to ../shared/models)");
        }
        return dir;
    }
}
