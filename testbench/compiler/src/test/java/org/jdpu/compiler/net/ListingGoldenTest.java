package org.jdpu.compiler.net;

import org.jdpu.compiler.net.TestNets.Shape;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The listing of a small fixed network, compared exactly with
 * {@code src/test/resources/golden/net/two-layers.lst} (rewrite it with {@code -Dgolden.update=true}
 * after a deliberate change, and read the diff).
 */
class ListingGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/net/two-layers.lst");

    static NetProgram twoLayers() {
        TestNets.Net net = TestNets.chain(3, 7, 6, 4, Shape.of(9, 3, 1, 1), Shape.of(5, 1, 1, 0));
        return NetworkCompiler.compile(NetworkCompilerTest.SMALL, net.spec(), net.input(), net.tensors());
    }

    @Test
    void listingMatchesTheGoldenFile() throws IOException {
        NetProgram p = twoLayers();
        String listing = Listing.of(p);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, listing, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(GOLDEN, StandardCharsets.UTF_8), listing);
        assertEquals(listing, Listing.disassemble(p.binary(), "two-layers", p.layerNames()), "the disassembler agrees");
    }
}
