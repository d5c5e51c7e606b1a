package org.jdpu.importer;

import org.jdpu.importer.edge.ImportOptions;
import org.jdpu.io.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImporterTest {
    @TempDir
    Path dir;

    @Test
    void picksTheFormatByExtension() {
        assertEquals(Importer.Format.ONNX, Importer.formatOf(Path.of("a/Model.ONNX")));
        assertEquals(Importer.Format.TFLITE, Importer.formatOf(Path.of("m.tflite")));
        String m = assertThrows(UserError.class, () -> Importer.formatOf(Path.of("m.pb"))).getMessage();
        assertTrue(m.contains("m.pb") && m.contains(".onnx or .tflite"), m);
    }

    @Test
    void missingModelIsOneMessageAndNothingIsWritten() {
        Path out = dir.resolve("out");
        String m = assertThrows(UserError.class,
                () -> Importer.run(dir.resolve("none.onnx"), ImportOptions.none(), out)).getMessage();
        assertTrue(m.contains("none.onnx: no such file"), m);
        assertFalse(Files.exists(out));
    }
}
