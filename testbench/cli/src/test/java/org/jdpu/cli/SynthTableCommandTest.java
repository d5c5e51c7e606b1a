package org.jdpu.cli;

import org.jdpu.cli.CliCapture.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code dpu synth --table} lists every saved report, not only the presets'. */
class SynthTableCommandTest {
    @TempDir
    Path tmp;

    /** A report as YosysSynthesis writes it, with made-up figures. */
    private void report(String dir, String design) throws IOException {
        Path d = Files.createDirectories(tmp.resolve(dir));
        Files.writeString(d.resolve("synth.json"), """
                {"design": "%s", "top": "dpu_top", "family": "xcup", "tool": "Yosys", "seconds": 1.0,
                 "resources": {"luts": 100, "lutLogic": 100, "lutRam": 0, "srl": 0, "ffs": 50, "latches": 0,
                               "dsps": 8, "bram36": 1.0, "ramb36": 1, "ramb18": 0, "uram": 0, "carry": 0},
                 "mapping": {"multipliers": 8, "softMultipliers": 0, "memories": 1, "memoriesInFlipFlops": 0,
                             "lutRamPrimitives": 0, "blockRamPrimitives": 1, "latches": 0, "checkProblems": []},
                 "depth": {"levels": 3, "from": "a", "to": "b", "path": ["LUT2"], "unknownTypes": {}},
                 "cells": {"LUT2": 100}}""".formatted(design));
    }

    @Test
    void presetsComeFirstInTheirOrderThenTheOthers() throws IOException {
        report("2x2x2", "2x2x2");
        report("B1024", "B1024");
        report("1x4x4", "1x4x4");
        report("B512", "B512");
        report(".B800.tmp-1", "B800");                 // an interrupted run's staging directory
        Files.createDirectories(tmp.resolve("notes")); // no synth.json
        Result r = CliCapture.run(new SynthCommand(), "--table", "--out", tmp.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> rows = r.out().lines().filter(l -> l.contains(" | ")).skip(1).map(l -> l.split(" ")[0]).toList();
        assertEquals(List.of("B512", "B1024", "1x4x4", "2x2x2"), rows, r.out());
    }

    @Test
    void aCustomConfigurationAloneIsStillATable() throws IOException {
        report("2x2x2", "2x2x2");
        Result r = CliCapture.run(new SynthCommand(), "--table", "--out", tmp.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(1, r.out().lines().filter(l -> l.startsWith("2x2x2 ")).count(), r.out());
    }
}
