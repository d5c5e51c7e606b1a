package org.jdpu.flow;

import org.jdpu.io.OutputDirectory;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.Preset;
import org.jdpu.io.IoErrors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The flow's view of the engine: which architectures exist, what they are called, and their
 * Verilog written to a scratch directory for one flow step.
 */
public final class EngineDesigns {
    private EngineDesigns() {}

    /** The preset names B512 ... B4096, in order. */
    public static List<String> presetNames() {
        return Arrays.stream(Preset.values()).map(Enum::name).toList();
    }

    /** Parses a preset name or {@code PPxICPxOCP}; a bad one is a {@link FlowException} saying what is accepted. */
    public static DpuConfig config(String arch) {
        try {
            return DpuConfig.parse(arch);
        } catch (IllegalArgumentException e) {
            throw new FlowException(e.getMessage(), e);
        }
    }

    /** The name used for directories and reports: {@code B512} for any spelling of a preset. */
    public static String canonicalName(String arch) {
        return config(arch).name();
    }

    /** Generates {@code arch} (the network engine, top {@code dpu_top}) into a scratch directory, applies {@code step}, and removes the directory. */
    public static <T> T withGenerated(String arch, Function<DesignSources, T> step) {
        return withGenerated(arch, false, step);
    }

    /** As {@link #withGenerated}, for the convolution core alone (top {@code dpu_core}) when {@code core}. */
    public static <T> T withGenerated(String arch, boolean core, Function<DesignSources, T> step) {
        DpuConfig cfg = config(arch);
        Path dir;
        try {
            dir = Files.createTempDirectory("jdpu-" + cfg.fileName() + "-");
        } catch (IOException e) {
            throw new FlowException("cannot create a scratch directory: " + IoErrors.describe(e), e);
        }
        try {
            Path out = dir.resolve(cfg.fileName());
            return step.apply(core ? GeneratedDesign.writeCore(cfg, out) : GeneratedDesign.write(cfg, out));
        } finally {
            try {
                OutputDirectory.deleteTree(dir);
            } catch (IOException e) {
                // a leftover scratch directory in /tmp is harmless
            }
        }
    }
}
