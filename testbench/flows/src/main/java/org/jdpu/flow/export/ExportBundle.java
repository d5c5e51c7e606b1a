package org.jdpu.flow.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.jdpu.flow.DesignSources;
import org.jdpu.flow.FlowException;
import org.jdpu.flow.GeneratedDesign;
import org.jdpu.io.OutputDirectory;
import org.jdpu.flow.tb.BusWidths;
import org.jdpu.flow.tb.TestbenchVectors;
import org.jdpu.flow.tb.VectorFiles;
import org.jdpu.flow.tb.VerilogTestbench;
import org.jdpu.arch.DpuConfig;
import org.jdpu.io.IoErrors;

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
 *   README.md             ports, register map, how to drive a layer, how to build and simulate
 *   jdpu-bundle.json      what the bundle is (configuration, part, clock, testbench layer, files)
 *   rtl/                  the Verilog, filelist.f (compile order), the design README
 *   constraints/dpu_top.xdc
 *   vivado/build.tcl      non-project synthesis and implementation
 *   tb/                   tb_dpu_top.sv, vectors/*.hex, files.f, run_icarus.sh, run_verilator.sh
 * </pre>
 */
public final class ExportBundle {
    private ExportBundle() {}

    public static final String MANIFEST = "jdpu-bundle.json";
    public static final String TB_DIR = "tb";

    /**
     * Writes the bundle to {@code out} (replacing an earlier bundle, never an unrelated directory).
     *
     * @param v the testbench's layer, from {@link org.jdpu.flow.tb.DriverVectors}
     */
    public static void write(DpuConfig cfg, FpgaTarget target, Path out, TestbenchVectors v) {
        try (OutputDirectory dir = OutputDirectory.replacing(out, MANIFEST)) {
            Path s = dir.staging();
            DesignSources design = GeneratedDesign.write(cfg, s.resolve("rtl"));
            String top = design.top();
            Files.createDirectories(s.resolve("constraints"));
            Files.writeString(s.resolve("constraints").resolve(top + ".xdc"), Constraints.xdc(top, target));
            Files.createDirectories(s.resolve("vivado"));
            Files.writeString(s.resolve("vivado").resolve(VivadoScript.FILE), VivadoScript.render(cfg.name(), top, target));

            BusWidths widths = BusWidths.of(cfg);
            Path tb = s.resolve(TB_DIR);
            VectorFiles.write(tb.resolve("vectors"), v, widths);
            Files.writeString(tb.resolve(VerilogTestbench.FILE), VerilogTestbench.render(cfg, v, widths));
            Files.writeString(tb.resolve(TestbenchScripts.FILES), TestbenchScripts.fileList(design));
            executable(tb.resolve(TestbenchScripts.ICARUS), TestbenchScripts.icarus());
            executable(tb.resolve(TestbenchScripts.VERILATOR), TestbenchScripts.verilator());

            Files.writeString(s.resolve("README.md"), BundleReadme.render(cfg, target, design, v));
            writeManifest(s, cfg, target, v);
            dir.commit();
        } catch (IOException e) {
            throw new FlowException("cannot write the bundle " + out + ": " + IoErrors.describe(e), e);
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

    private static void writeManifest(Path dir, DpuConfig cfg, FpgaTarget target, TestbenchVectors v) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generator", "jdpu");
        m.put("arch", cfg.name());
        m.put("pp", cfg.pp());
        m.put("icp", cfg.icp());
        m.put("ocp", cfg.ocp());
        m.put("top", GeneratedDesign.TOP);
        m.put("part", target.part());
        m.put("clock_mhz", target.clockMhz());
        m.put("testbench_layer", v.layer());
        m.put("testbench_runs", v.runs());
        m.put("testbench_bytes", v.comparedBytes());
        try (Stream<Path> walk = Files.walk(dir)) {
            List<String> files = walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
            m.put("files", files);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve(MANIFEST).toFile(), m);
    }

    /** The bundle's sources as the testbench scripts see them (from {@code tb/}). */
    static String relativeSources(DesignSources d) {
        StringBuilder s = new StringBuilder();
        for (Path f : d.files()) s.append("../rtl/").append(d.directory().relativize(f).toString().replace('\\', '/')).append('\n');
        return s.toString();
    }
}
