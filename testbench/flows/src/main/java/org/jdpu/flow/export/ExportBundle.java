package org.jdpu.flow.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.flow.DesignSources;
import org.jdpu.flow.EnginePorts;
import org.jdpu.flow.FlowException;
import org.jdpu.flow.GeneratedDesign;
import org.jdpu.flow.tb.NetTestbench;
import org.jdpu.flow.tb.NetVectorFiles;
import org.jdpu.flow.tb.NetVectors;
import org.jdpu.flow.tb.TestbenchNetwork;
import org.jdpu.hdl.Design;
import org.jdpu.hdl.ElaborationException;
import org.jdpu.io.IoErrors;
import org.jdpu.io.OutputDirectory;
import org.jdpu.memory.AxiDdr;
import org.jdpu.rtl.DpuGenerator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes the FPGA export bundle of one configuration, all or nothing:
 * <pre>
 *   README.md             ports, control registers, how to build, integrate and simulate
 *   jdpu-bundle.json      what the bundle is (configuration, part, clock, testbench network, files)
 *   rtl/                  the network engine's Verilog (top dpu_top), filelist.f (compile order), its README
 *   constraints/dpu_top.xdc
 *   vivado/build.tcl      non-project out-of-context synthesis and implementation of dpu_top
 *   vivado/bd_zcu102.tcl, vivado/bd_zcu104.tcl   block designs: Zynq UltraScale+ PS, HP ports, interrupt
 *   tb/                   tb_dpu_top.sv, ddr/ (the behavioural AXI DDR), vectors/*.hex, files.f,
 *                         run_icarus.sh, run_verilator.sh
 * </pre>
 */
public final class ExportBundle {
    private ExportBundle() {}

    public static final String MANIFEST = "jdpu-bundle.json";
    public static final String TB_DIR = "tb";
    public static final String DDR_DIR = "ddr";
    /** The AXI masters of every exported engine. */
    public static final AxiConfig AXI = AxiConfig.DEFAULT;

    /**
     * Writes the bundle to {@code out} (replacing an earlier bundle, never an unrelated directory).
     *
     * @param net the testbench's network, compiled here for {@code cfg}
     */
    public static void write(DpuConfig cfg, FpgaTarget target, Path out, TestbenchNetwork net) {
        write(cfg, target, out, NetVectors.of(cfg, AXI, net));
    }

    public static void write(DpuConfig cfg, FpgaTarget target, Path out, NetVectors v) {
        if (cfg.doubleRate()) {
            // The block designs and the bundle's testbench drive one clock; a 2x clock needs a clock wizard output.
            throw new FlowException("export of " + cfg.name() + " is not supported yet: the block designs and the "
                    + "bundle's testbench have no 2x clock for " + DpuConfig.DOUBLE_RATE_SUFFIX + "; export "
                    + cfg.withDoubleRate(false).name() + " instead");
        }
        try (OutputDirectory dir = OutputDirectory.replacing(out, MANIFEST)) {
            Path s = dir.staging();
            DesignSources design = GeneratedDesign.write(cfg, s.resolve("rtl"));
            String top = design.top();
            Files.createDirectories(s.resolve("constraints"));
            Files.writeString(s.resolve("constraints").resolve(top + ".xdc"), Constraints.xdc(top, target));
            Files.createDirectories(s.resolve("vivado"));
            Files.writeString(s.resolve("vivado").resolve(VivadoScript.FILE), VivadoScript.render(cfg.name(), top, target));
            for (Board b : Board.values()) {
                Files.writeString(s.resolve("vivado").resolve(BlockDesignScript.file(b)),
                        BlockDesignScript.render(cfg.name(), top, b, AXI, target.clockMhz()));
            }

            Path tb = s.resolve(TB_DIR);
            Design ddr = elaborateDdr(v.ddrBytes());
            Files.createDirectories(tb.resolve(DDR_DIR));
            ddr.emit(NetTestbench.DDR_MODULE, DpuGenerator.OPTIONS).write(tb.resolve(DDR_DIR));
            DesignSources ddrSources = DesignSources.fromDirectory(tb.resolve(DDR_DIR), NetTestbench.DDR_MODULE);
            checkNoClash(design, ddrSources);
            NetVectorFiles.write(tb.resolve("vectors"), v);
            Files.writeString(tb.resolve(NetTestbench.FILE), NetTestbench.render(cfg, v, EnginePorts.all(AXI),
                    GeneratedDesign.portsOf(ddr.topNetlist())));
            Files.writeString(tb.resolve(TestbenchScripts.FILES), TestbenchScripts.fileList(design, ddrSources));
            executable(tb.resolve(TestbenchScripts.ICARUS), TestbenchScripts.icarus());
            executable(tb.resolve(TestbenchScripts.VERILATOR), TestbenchScripts.verilator());

            Files.writeString(s.resolve("README.md"), BundleReadme.render(cfg, AXI, target, design, v));
            writeManifest(s, cfg, target, v);
            dir.commit();
        } catch (IOException e) {
            throw new FlowException("cannot write the bundle " + out + ": " + IoErrors.describe(e), e);
        }
    }

    private static Design elaborateDdr(int bytes) {
        try {
            return Design.elaborate(() -> new AxiDdr(AXI, bytes));
        } catch (ElaborationException e) {
            throw new FlowException("the DDR model does not elaborate: " + e.getMessage(), e);
        }
    }

    /** Both go into one compilation: a module file of the same name in both would be defined twice. */
    private static void checkNoClash(DesignSources engine, DesignSources ddr) {
        for (Path f : ddr.files()) {
            for (Path g : engine.files()) {
                if (f.getFileName().equals(g.getFileName())) {
                    throw new FlowException("the engine and the DDR model both define " + f.getFileName());
                }
            }
        }
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the scripts still run with 'sh script'
        }
    }

    private static void writeManifest(Path dir, DpuConfig cfg, FpgaTarget target, NetVectors v) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generator", "jdpu");
        m.put("arch", cfg.name());
        m.put("pp", cfg.pp());
        m.put("icp", cfg.icp());
        m.put("ocp", cfg.ocp());
        m.put("top", GeneratedDesign.TOP);
        m.put("axi_data_bits", AXI.dataBits());
        m.put("part", target.part());
        m.put("clock_mhz", target.clockMhz());
        m.put("boards", java.util.Arrays.stream(Board.values()).map(Board::label).toList());
        m.put("testbench_network", v.description());
        m.put("testbench_layers", v.layers());
        m.put("testbench_instructions", v.instructions());
        m.put("testbench_bytes", v.comparedBytes());
        m.put("testbench_predicted_cycles", v.predictedCycles());
        try (Stream<Path> walk = Files.walk(dir)) {
            List<String> files = walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
            m.put("files", files);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve(MANIFEST).toFile(), m);
    }

    /** A design's sources as the testbench scripts see them (from {@code tb/}), under {@code prefix}. */
    static String relativeSources(DesignSources d, String prefix) {
        StringBuilder s = new StringBuilder();
        for (Path f : d.files()) s.append(prefix).append(d.directory().relativize(f).toString().replace('\\', '/')).append('\n');
        return s.toString();
    }
}
