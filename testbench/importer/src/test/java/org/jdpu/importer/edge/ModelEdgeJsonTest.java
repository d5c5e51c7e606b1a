package org.jdpu.importer.edge;

import org.jdpu.io.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelEdgeJsonTest {
    @TempDir
    Path dir;

    static ModelEdge sample() {
        EdgeTensor in = new EdgeTensor("images", "input", new int[] {1, 3, 8, 6}, EdgeLayout.NCHW, EdgeDType.FLOAT32,
                new EdgeQuant.FixPoint(7));
        EdgeTensor logits = new EdgeTensor("logits", "fc", new int[] {1, 10}, EdgeLayout.NC, EdgeDType.FLOAT32,
                new EdgeQuant.Affine(0.0625, -3));
        EdgeTensor map = new EdgeTensor("map", "conv2", new int[] {1, 4, 4, 2}, EdgeLayout.NHWC, EdgeDType.INT8, null);
        return new ModelEdge("m.onnx", in, List.of(logits, map));
    }

    @Test
    void roundTripsEveryField() throws Exception {
        Path file = dir.resolve(ModelEdgeJson.FILE);
        ModelEdgeJson.write(file, sample());
        assertEquals(sample(), ModelEdgeJson.read(file));
        assertEquals(sample(), ModelEdgeJson.readBeside(dir.resolve("network.json")));
    }

    @Test
    void absentBesideANetworkIsNull() {
        assertEquals(null, ModelEdgeJson.readBeside(dir.resolve("network.json")));
    }

    private String errorOf(String text) throws Exception {
        Path file = dir.resolve(ModelEdgeJson.FILE);
        Files.writeString(file, text);
        return assertThrows(UserError.class, () -> ModelEdgeJson.read(file)).getMessage();
    }

    @Test
    void namesTheFileAndFieldOfEachDefect() throws Exception {
        String good = ModelEdgeJson.format(sample());
        String m = errorOf(good.replace("\"NCHW\"", "\"CHWN\""));
        assertTrue(m.contains(ModelEdgeJson.FILE) && m.contains("$.input.layout") && m.contains("CHWN"), m);
        m = errorOf(good.replace("\"fix_point\" : 7", "\"fix_point\" : 7.5"));
        assertTrue(m.contains("$.input.quant.fix_point: must be an integer"), m);
        m = errorOf(good.replace("\"int8\"", "\"int4\""));
        assertTrue(m.contains("$.outputs[1].dtype") && m.contains("int4"), m);
        m = errorOf(good.replace("\"model\"", "\"modle\""));
        assertTrue(m.contains("$.modle: unknown field"), m);
        m = errorOf(good.replace("\"version\" : 1", "\"version\" : 2"));
        assertTrue(m.contains("$.version: must be 1"), m);
        m = errorOf(good.substring(0, good.length() / 2));
        assertTrue(m.contains("not valid JSON"), m);
        m = errorOf(good.replace("\"quant\" : {\n      \"fix_point\" : 7\n    }", "\"quantx\" : 1"));
        assertTrue(m.contains("$.input.quantx: unknown field"), m);
    }

    @Test
    void floatEdgeWithoutQuantIsRefused() throws Exception {
        String good = ModelEdgeJson.format(sample());
        String noQuant = good.replaceFirst(",\\s*\"quant\" : \\{\\s*\"fix_point\" : 7\\s*}", "");
        String m = errorOf(noQuant);
        assertTrue(m.contains("$.input.quant: is missing"), m);
    }
}
