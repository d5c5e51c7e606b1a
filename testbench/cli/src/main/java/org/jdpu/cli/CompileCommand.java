package org.jdpu.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jdpu.arch.DpuConfig;
import org.jdpu.compiler.net.Listing;
import org.jdpu.compiler.net.NetProgram;
import org.jdpu.compiler.net.NetworkCompiler;
import org.jdpu.io.IoErrors;
import org.jdpu.io.OutputDirectory;
import org.jdpu.io.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code dpu compile}: a network of conv2d layers into one program for the network engine. */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = {"Compile a network of conv2d layers (shift mode) into one instruction program for the network engine.",
                "Writes DIR/program.bin (the raw instructions), DIR/program.lst (the listing), DIR/network.dpunet "
                        + "(instructions, DDR regions and their initial contents, every layer's output location) and "
                        + "DIR/summary.json (per layer: instructions, bytes loaded and saved, predicted compute cycles).",
                "The directory is replaced all-or-nothing (only if it is empty or an earlier compilation)."})
public final class CompileCommand implements Runnable {
    static final String PROGRAM = "program.bin", LISTING = "program.lst", CONTAINER = "network.dpunet",
            SUMMARY = "summary.json";

    @Option(names = "--network", paramLabel = "N.json", required = true, description = "network spec JSON")
    Path network;

    @Option(names = "--arch", paramLabel = "A", required = true, description = Engines.ARCH_HELP)
    String arch;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "output directory, " + OutputHelp.DIRECTORY)
    Path out;

    @Option(names = "--input", paramLabel = "x.npy",
            description = "int8 network input [1,H,W,C]; without it a random input from --seed (the summary says so)")
    Path input;

    @Option(names = "--seed", paramLabel = "S", description = "seed of the random input without --input (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Override
    public void run() {
        DpuConfig config = Engines.arch(arch);
        NetworkInputs full = NetworkInputs.read(network, input, seed), in = full.engine();
        String inputOrigin = in.origin();
        NetProgram p = NetworkCompiler.compile(config, in.spec(), in.input(), in.tensors());
        String listing = Listing.of(p);
        try (OutputDirectory dir = OutputDirectory.replacing(out, CONTAINER)) {
            Path s = dir.staging();
            try {
                Files.write(s.resolve(PROGRAM), p.binary());
                Files.writeString(s.resolve(LISTING), listing, StandardCharsets.UTF_8);
                p.write(s.resolve(CONTAINER));
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValue(s.resolve(SUMMARY).toFile(), summary(p, inputOrigin));
            } catch (IOException e) {
                throw new UserError("cannot write " + out + ": " + IoErrors.describe(e), e);
            }
            dir.commit();
        }
        System.out.printf("wrote %s: %d instructions, %d layers, %,d predicted compute cycles on %s (input: %s)%n", out,
                p.instructions().size(), p.layers().size(), p.computeCycles(), config.name(), inputOrigin);
        NetworkCosimRun.noteHostLayers(full);
    }

    private ObjectNode summary(NetProgram p, String inputOrigin) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("arch", p.config().name());
        root.put("network", network.toString());
        root.put("input", inputOrigin);
        ArrayNode layers = root.putArray("layers");
        long instructions = 0, loaded = 0, saved = 0, cycles = 0;
        // The whole program on the cycle model with the simulated HP-port DDR: what the engine takes from START.
        var timing = org.jdpu.cosim.net.NetCosim.memoryTiming(org.jdpu.memory.DdrTiming.ZCU102_HP);
        var schedule = org.jdpu.arch.model.ProgramCycleModel.schedule(p.config(), org.jdpu.arch.isa.AxiConfig.DEFAULT,
                timing, p.instructions());
        long[] ends = org.jdpu.cosim.net.NetCosim.layerEnds(p, schedule);
        int index = 0;
        for (NetProgram.LayerInfo l : p.layers()) {
            ObjectNode n = layers.addObject();
            n.put("name", l.name());
            n.put("lowering", l.lowering().label());
            n.put("runs", l.runs());
            n.put("double_buffered", l.doubleBuffered());
            n.put("instructions", l.instructions());
            n.put("bytes_loaded", l.bytesLoaded());
            n.put("bytes_saved", l.bytesSaved());
            n.put("compute_cycles", l.computeCycles());
            n.put("predicted_cycles", ends[index] - (index == 0 ? 0 : ends[index - 1]));
            index++;
            ObjectNode o = n.putObject("output");
            o.put("region", l.output().region().label());
            o.put("offset", l.output().offset());
            ArrayNode sh = o.putArray("shape");
            for (int d : l.output().shape()) sh.add(d);
            o.put("bytes_per_pixel", l.output().cs());
            o.put("layout", l.output().grouped() ? "grouped by " + l.output().group() : "nhwc");
            instructions += l.instructions();
            loaded += l.bytesLoaded();
            saved += l.bytesSaved();
            cycles += l.computeCycles();
        }
        ObjectNode total = root.putObject("total");
        total.put("instructions", p.instructions().size());
        total.put("layer_instructions", instructions);
        total.put("bytes_loaded", loaded);
        total.put("bytes_saved", saved);
        total.put("compute_cycles", cycles);
        total.put("predicted_cycles", schedule.total());
        root.put("predicted_with", "the whole-program cycle model, " + org.jdpu.arch.isa.AxiConfig.DEFAULT.dataBits()
                + "-bit data port, DDR " + org.jdpu.memory.DdrTiming.ZCU102_HP);
        ObjectNode regions = root.putObject("regions");
        for (NetProgram.RegionImage r : p.regions()) regions.put(r.region().label(), r.size());
        return root;
    }
}
