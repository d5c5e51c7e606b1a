package org.jdpu.hdl;

import org.jdpu.hdl.ir.ModuleDef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A module whose body is external Verilog (a vendor primitive or hand-written IP). Declare its
 * ports with {@code input}/{@code output} exactly as the Verilog names them (clock included,
 * driven with {@code clock()} by the parent), its parameters with {@link #parameter}, and any
 * source file to list in {@code filelist.f} with {@link #source}.
 */
public abstract class BlackBox extends HwModule {
    private final String verilogName;
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private final List<String> sources = new ArrayList<>();

    protected BlackBox(String verilogName) {
        this.verilogName = verilogName;
    }

    /** An integer parameter, emitted as {@code .NAME(value)}. */
    protected final void parameter(String name, long value) {
        parameters.put(name, Long.toString(value));
    }

    /** A string parameter, emitted as {@code .NAME("value")}. */
    protected final void parameter(String name, String value) {
        parameters.put(name, "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
    }

    /** A Verilog file defining this module, listed first in {@code filelist.f}. */
    protected final void source(String path) {
        sources.add(path);
    }

    @Override
    protected final String moduleName() {
        return verilogName;
    }

    @Override
    void finish() {
        super.finish();
        def.setBlackBox(new ModuleDef.BlackBoxInfo(verilogName, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters)),
                List.copyOf(sources)));
    }
}
