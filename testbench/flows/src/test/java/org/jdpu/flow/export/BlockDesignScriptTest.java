package org.jdpu.flow.export;

import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.arch.isa.TopInterface;
import org.jdpu.flow.ExternalTool;
import org.jdpu.flow.ToolRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Vivado is not available here: the block-design script runs in plain tclsh with every Vivado
 * command replaced by a stub that records its arguments. This checks the script's syntax, the
 * board and part, and that every connection names an engine port that exists and the PS ports the
 * design is meant to use (HPM0 for control, HP0 and HP1 for the masters, pl_ps_irq0).
 */
class BlockDesignScriptTest {
    @TempDir
    Path bundle;

    static final String STUBS = """
            proc rec {args} { puts "CALL $args" }
            foreach c {create_project set_property add_files update_compile_order create_bd_design apply_bd_automation
                       connect_bd_intf_net connect_bd_net assign_bd_address validate_bd_design save_bd_design
                       launch_runs wait_on_run} {
                proc $c {args} "rec $c {*}\\$args"
            }
            proc create_bd_cell {args} { rec create_bd_cell {*}$args; return [lindex $args end] }
            proc get_bd_pins {p} { return "PIN:$p" }
            proc get_bd_intf_pins {p} { return "INTF:$p" }
            proc current_project {} { return proj }
            proc current_fileset {} { return sources_1 }
            proc get_files {f} { return "FILE:$f" }
            proc make_wrapper {args} { rec make_wrapper {*}$args; return /tmp/jdpu_wrapper.v }
            proc get_runs {r} { return $r }
            proc get_property {name obj} { return /runs/impl_1 }
            """;

    private List<String> run(Board board, String argv) throws IOException {
        Files.createDirectories(bundle.resolve("rtl"));
        Files.createDirectories(bundle.resolve("vivado"));
        Files.writeString(bundle.resolve("rtl/filelist.f"), "// order matters\na.v\ndpu_top.v\n");
        Files.writeString(bundle.resolve("vivado").resolve(BlockDesignScript.file(board)),
                BlockDesignScript.render("B512", "dpu_top", board, AxiConfig.DEFAULT, 300));
        Path h = bundle.resolve("harness.tcl");
        Files.writeString(h, STUBS + argv + "source [file join [pwd] vivado " + BlockDesignScript.file(board) + "]\n");
        ToolRun r = new ExternalTool("tclsh", "deps").run(bundle, bundle.resolve("tclsh.log"), Duration.ofSeconds(30),
                List.of(h.toString()));
        assertTrue(r.ok(), "tclsh failed:\n" + r.output());
        return r.output().lines().toList();
    }

    @ParameterizedTest
    @EnumSource(Board.class)
    void blockDesignConnectsTheEngineToThePs(Board board) throws IOException {
        List<String> out = run(board, "");
        assertTrue(out.getFirst().startsWith("CALL create_project -force jdpu_" + board.label()), out.getFirst());
        assertTrue(out.getFirst().endsWith("-part " + board.part()), out.getFirst());
        assertTrue(out.contains("CALL set_property board_part " + board.boardPart() + " proj"), out.toString());
        assertTrue(out.contains("CALL create_bd_cell -type module -reference dpu_top dpu"), out.toString());
        assertTrue(out.stream().anyMatch(l -> l.contains("CONFIG.PSU__SAXIGP2__DATA_WIDTH 128")), "HP0 is 128 bits");
        Set<String> enginePorts = Set.of(TopInterface.CONTROL, TopInterface.DATA, TopInterface.INSTR, TopInterface.IRQ,
                TopInterface.CLOCK, TopInterface.RESET);
        for (String line : out) {
            for (String token : line.split(" ")) {
                if (token.startsWith("INTF:dpu/") || token.startsWith("PIN:dpu/")) {
                    String port = token.substring(token.indexOf('/') + 1);
                    assertTrue(enginePorts.contains(port), "the engine has no port " + port + ": " + line);
                }
            }
        }
        assertTrue(out.contains("CALL connect_bd_intf_net INTF:ps/M_AXI_HPM0_FPD INTF:ctrl_sc/S00_AXI"));
        assertTrue(out.contains("CALL connect_bd_intf_net INTF:ctrl_sc/M00_AXI INTF:dpu/" + TopInterface.CONTROL));
        assertTrue(out.contains("CALL connect_bd_intf_net INTF:data_sc/M00_AXI INTF:ps/S_AXI_HP0_FPD"));
        assertTrue(out.contains("CALL connect_bd_intf_net INTF:instr_sc/M00_AXI INTF:ps/S_AXI_HP1_FPD"));
        assertTrue(out.contains("CALL connect_bd_net PIN:dpu/" + TopInterface.IRQ + " PIN:ps/pl_ps_irq0"));
        assertTrue(out.contains("CALL connect_bd_net PIN:ps/pl_clk0 PIN:dpu/clk"));
        assertTrue(out.contains("CALL connect_bd_net PIN:rst/peripheral_reset PIN:dpu/rst"));
        List<String> steps = out.stream().filter(l -> l.startsWith("CALL ")).map(l -> l.split(" ")[1]).toList();
        assertTrue(steps.indexOf("assign_bd_address") < steps.indexOf("validate_bd_design"));
        assertTrue(steps.indexOf("validate_bd_design") < steps.indexOf("make_wrapper"));
        assertFalse(steps.contains("launch_runs"), "no implementation without -tclargs bitstream");
    }

    @Test
    void bitstreamOnRequest() throws IOException {
        List<String> out = run(Board.ZCU104, "set argv {bitstream}\n");
        assertTrue(out.contains("CALL launch_runs impl_1 -to_step write_bitstream -jobs 4"), out.toString());
        assertEquals("jdpu: bitstream in /runs/impl_1", out.getLast());
    }
}
