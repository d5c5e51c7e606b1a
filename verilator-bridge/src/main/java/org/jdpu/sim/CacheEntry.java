package org.jdpu.sim;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The layout and metadata of one model cache entry: where the library lives, and the text files
 * a build writes beside it ({@code model.properties} with the build settings, {@code ports.tsv}
 * with the port table, both read back when a cached model loads, and Verilator's netlist).
 *
 * @param ports            the model's port table
 * @param verilatorVersion {@code verilator --version} of the build
 */
record CacheEntry(PortTable ports, String verilatorVersion) {
    static final String OBJ = "obj";
    static final String LIBRARY = "libjdpu_model.so";
    static final String PROPERTIES = "model.properties";
    static final String PORTS = "ports.tsv";
    /** Verilator's {@code --xml-only} netlist, kept for the design's hierarchy. */
    static final String NETLIST = "model.xml";

    /** The shared library of the entry at {@code dir}. */
    static Path library(Path dir) {
        return dir.resolve(OBJ).resolve(LIBRARY);
    }

    /** Writes the metadata of a build of {@code spec} into the entry directory {@code dir}. */
    static void write(Path dir, ModelSpec spec, String prefix, PortTable table) throws IOException {
        Properties p = new Properties();
        p.setProperty("top", spec.top());
        p.setProperty("prefix", prefix);
        p.setProperty("trace", spec.trace().name());
        p.setProperty("optLevel", Integer.toString(spec.optLevel()));
        p.setProperty("threads", Integer.toString(spec.threads()));
        p.setProperty("verilator", Toolchain.verilatorVersion());
        p.setProperty("sources", spec.sources().toString());
        try (var w = Files.newBufferedWriter(dir.resolve(PROPERTIES))) {
            p.store(w, "jdpu Verilated model");
        }
        StringBuilder tsv = new StringBuilder("# name\twidth\tdirection\tsigned\tcpp-member\tstorage-bytes\n");
        for (int i = 0; i < table.ports().size(); i++) {
            PortInfo pi = table.ports().get(i);
            tsv.append(pi.name()).append('\t').append(pi.width()).append('\t').append(pi.direction()).append('\t')
               .append(pi.signed()).append('\t').append(table.cppNames().get(i)).append('\t')
               .append(table.sizes().get(i)).append('\n');
        }
        Files.writeString(dir.resolve(PORTS), tsv.toString());
    }

    /** Reads what {@link #write} wrote. */
    static CacheEntry read(Path dir) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve(PROPERTIES))) {
            p.load(r);
        }
        List<PortInfo> ports = new ArrayList<>();
        List<String> cpp = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve(PORTS))) {
            if (line.startsWith("#") || line.isBlank()) continue;
            String[] f = line.split("\t");
            ports.add(new PortInfo(f[0], Integer.parseInt(f[1]), Direction.valueOf(f[2]), Boolean.parseBoolean(f[3])));
            cpp.add(f[4]);
            sizes.add(Integer.parseInt(f[5]));
        }
        return new CacheEntry(new PortTable(List.copyOf(ports), List.copyOf(cpp), List.copyOf(sizes)),
                p.getProperty("verilator", "?"));
    }
}
