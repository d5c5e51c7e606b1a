package org.jdpu.importer.tflite;

import org.jdpu.importer.edge.ImportResult;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every {@code .tflite} in the shared models folder imports, or is refused with one line naming the operator. */
@Tag(SharedModels.TAG)
class SharedModelsImportTest {
    @TempDir
    Path out;

    @Test
    void everyModelImportsOrIsRefusedNamingTheOperator() throws IOException {
        List<Path> models;
        try (Stream<Path> s = Files.list(SharedModels.tfliteMicro())) {
            models = s.filter(p -> p.toString().endsWith(".tflite")).sorted().toList();
        }
        assertFalse(models.isEmpty());
        for (Path m : models) {
            Path dir = out.resolve(m.getFileName().toString());
            try {
                ImportResult r = TfliteImport.run(m, dir);
                System.out.println("IMPORTED " + m.getFileName() + ": " + r.network().layers().size() + " layers, "
                        + r.edge().input() + " -> " + r.edge().outputs().getFirst() + String.join("", r.notes().stream().map(n -> "; " + n).toList()));
            } catch (TfliteFormatException e) {
                System.out.println("REFUSED " + e.getMessage());
                assertTrue(e.getMessage().matches("\\Q" + m + "\\E: operator #\\d+ [A-Z0-9_]+ .+"), e.getMessage());
                assertFalse(Files.exists(dir), "nothing written for a refused model");
            }
        }
    }
}
