package org.jdpu.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Generates the C++ shim of one model from the template resource {@code shim.cpp} and the model's
 * port table, and the makefile that compiles and links it against Verilator's generated makefile.
 */
final class ShimSource {
    private ShimSource() {}

    /** Bumped whenever the generated text changes in a way the templates below do not show. */
    static final int GENERATOR_VERSION = 1;

    static final String TEMPLATE = loadTemplate();

    /** Makefile wrapped around Verilator's V<top>.mk; @PREFIX@ is replaced. */
    static final String MAKEFILE = """
            # jdpu build of the Verilated model @PREFIX@ (generated; do not edit)
            include @PREFIX@.mk

            jdpu_shim.o: jdpu_shim.cpp
            \t$(OBJCACHE) $(CXX) $(CXXFLAGS) $(CPPFLAGS) -O2 -c -o $@ jdpu_shim.cpp

            libjdpu_model.so: jdpu_shim.o @PREFIX@__ALL.a $(VK_GLOBAL_OBJS)
            \t$(LINK) -shared -o $@ jdpu_shim.o @PREFIX@__ALL.a $(VK_GLOBAL_OBJS) -Wl,--version-script=jdpu.map $(LDFLAGS) $(LDLIBS)

            jdpu-runtime: $(VK_GLOBAL_OBJS)

            # Links a stand-alone program JDPU_MAIN against this model into JDPU_EXE, writing only in JDPU_OUT_DIR.
            jdpu-exe:
            \tcd $(JDPU_OUT_DIR) && $(LINK) $(CXXFLAGS) $(CPPFLAGS) -I$(CURDIR) -O2 -o $(JDPU_EXE) $(JDPU_MAIN) \\
            \t  $(CURDIR)/jdpu_shim.o $(CURDIR)/@PREFIX@__ALL.a $(addprefix $(CURDIR)/,$(VK_GLOBAL_OBJS)) $(LDFLAGS) $(LDLIBS)

            .PHONY: jdpu-runtime jdpu-exe
            """;

    /** Force-included into every compiled file, so Verilator's VL_PRINTF can name the shim's printer. */
    static final String IO_HEADER = """
            // jdpu: Verilator's VL_PRINTF / VL_VPRINTF are routed to the shim (generated; do not edit)
            #ifndef JDPU_IO_H
            #define JDPU_IO_H
            #include <cstdarg>
            int jdpu_printf(const char* fmt, ...);
            int jdpu_vprintf(const char* fmt, va_list ap);
            #endif
            """;

    /** Linker version script: only the shim's entry points leave the shared library. */
    static final String VERSION_SCRIPT = "{ global: jdpu_*; local: *; };\n";

    static String generate(String prefix, Trace trace, int threads, boolean hasClock, boolean hasDoubleClock,
                           PortTable table) {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < table.cppNames().size(); i++) {
            String n = table.cppNames().get(i);
            rows.append("    addrs[").append(i).append("] = static_cast<void*>(&m->").append(n).append(");")
                .append(" sizes[").append(i).append("] = static_cast<int32_t>(sizeof(m->").append(n).append("));\n");
        }
        if (rows.isEmpty()) rows.append("    (void)addrs;\n    (void)sizes;\n");
        return TEMPLATE.replace("@PREFIX@", prefix)
                .replace("@TRACE@", Integer.toString(trace.ordinal()))
                .replace("@THREADS@", Integer.toString(threads))
                .replace("@HAS_CLK@", hasClock ? "1" : "0")
                .replace("@HAS_CLK2X@", hasDoubleClock ? "1" : "0")
                .replace("@PORT_COUNT@", Integer.toString(table.ports().size()))
                .replace("@PORT_TABLE@\n", rows.toString());
    }

    static String makefile(String prefix) {
        return MAKEFILE.replace("@PREFIX@", prefix);
    }

    private static String loadTemplate() {
        try (InputStream in = ShimSource.class.getResourceAsStream("shim.cpp")) {
            if (in == null) throw new IllegalStateException("resource org/jdpu/sim/shim.cpp missing from the bridge jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
