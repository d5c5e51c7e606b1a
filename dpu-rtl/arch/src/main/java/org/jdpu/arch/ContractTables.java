package org.jdpu.arch;

import java.util.Locale;

/**
 * The engine's host contract as Markdown tables, rendered from {@link HostPort} and
 * {@link Register}: the generated designs' READMEs, the export bundle and dpu-rtl/README.md all
 * print these, so no table of ports or registers is written by hand.
 */
public final class ContractTables {
    private ContractTables() {}

    /** The ports of {@code dpu_top} for {@code c}: name, direction, width, meaning. */
    public static String ports(DpuConfig c) {
        StringBuilder s = new StringBuilder("| port | direction | type | meaning |\n|---|---|---|---|\n");
        for (HostPort p : HostPort.values()) {
            int w = p.width(c);
            s.append("| `").append(p.portName()).append("` | ").append(p.direction().name().toLowerCase(Locale.ROOT))
                    .append("put | ").append(w == 1 ? "1 bit" : "`[" + (w - 1) + ":0]`").append(" | ")
                    .append(cell(p.description())).append(" |\n");
        }
        return s.toString();
    }

    /** The register map with the widths of {@code c}. */
    public static String registers(DpuConfig c) {
        EngineWidths w = EngineWidths.of(c);
        StringBuilder s = new StringBuilder("| address | register | access | bits | meaning |\n|---|---|---|---|---|\n");
        for (Register r : Register.values()) {
            if (!r.presentIn(c)) continue;
            String addr = String.format("0x%02X", r.address())
                    + (r.tableSize() > 1 ? String.format("..0x%02X", r.address() + r.tableSize() - 1) : "");
            s.append("| ").append(addr).append(" | `").append(r.name())
                    .append(r.tableSize() > 1 ? "[" + r.tableSize() + "]" : "").append("` | ")
                    .append(r.access().name().toLowerCase(Locale.ROOT)).append(" | ")
                    .append(r.width(w)).append(r.signed() ? " signed" : "").append(" | ")
                    .append(cell(r.description())).append(" |\n");
        }
        return s.toString();
    }

    /** Text for a Markdown table cell: a literal '|' would end the cell. */
    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
