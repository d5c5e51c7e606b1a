package org.jdpu.arch;

import org.jdpu.arch.isa.IsaTables;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * dpu-rtl/README.md shows the port and register tables exactly as {@link ContractTables} prints
 * them from the host contract, and the instruction-set tables as {@link IsaTables} prints them, so
 * the docs cannot drift from the hardware.
 * {@code -Dreadme.update=true} rewrites the tables.
 */
class ReadmeTest {
    private static final Path README = Path.of("../README.md");
    /** With {@code +tflite}, so that the multiplier-mode registers are in the map. */
    private static final DpuConfig SHOWN = Preset.B1024.config().withTflite(true);

    @Test
    void portAndRegisterTablesAreTheContractsOwn() throws IOException {
        String text = Files.readString(README);
        String want = withBlock(withBlock(text, "ports", ContractTables.ports(SHOWN)), "registers",
                ContractTables.registers(SHOWN));
        want = withBlock(want, "queues", IsaTables.queues());
        want = withBlock(want, "opcodes", IsaTables.opcodes());
        want = withBlock(want, "fields", IsaTables.fields());
        want = withBlock(want, "faults", IsaTables.faults());
        want = withBlock(want, "control", IsaTables.controlRegisters());
        if (Boolean.getBoolean("readme.update") && !want.equals(text)) Files.writeString(README, want);
        else assertEquals(want, text, "dpu-rtl/README.md's tables differ from the host contract; "
                + "rerun with -Dreadme.update=true");
    }

    @Test
    void everyRegisterAppearsAtItsAddress() {
        String table = ContractTables.registers(SHOWN);
        for (Register r : Register.values()) {
            assertTrue(table.lines().anyMatch(l -> l.startsWith(String.format("| 0x%02X", r.address()))
                    && l.contains("`" + r.name())), r + " is not listed at its address");
        }
    }

    /** {@code text} with the lines between the {@code name} markers replaced by {@code table}. */
    private static String withBlock(String text, String name, String table) {
        int begin = text.indexOf("<!-- " + name + " ");
        int end = text.indexOf("<!-- end " + name + " -->");
        assertTrue(begin >= 0 && end > begin, "dpu-rtl/README.md has no " + name + " markers");
        int bodyStart = text.indexOf('\n', begin) + 1;
        return text.substring(0, bodyStart) + table + text.substring(end);
    }
}
