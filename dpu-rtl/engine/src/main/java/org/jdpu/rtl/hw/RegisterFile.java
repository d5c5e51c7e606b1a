package org.jdpu.rtl.hw;

import org.jdpu.arch.IdWord;

import org.jdpu.hdl.Bool;
import org.jdpu.hdl.Data;
import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.SInt;
import org.jdpu.hdl.Signal;
import org.jdpu.hdl.UInt;
import org.jdpu.hdl.Vec;
import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.EngineWidths;
import org.jdpu.arch.Register;

import java.util.EnumMap;
import java.util.Map;

import static org.jdpu.hdl.Hdl.*;

/**
 * The register interface: every writable {@link Register} the configuration has as a hardware register (written when
 * {@code reg_we} is high and {@code reg_addr} matches), the start pulse (a write of 1 to CTRL),
 * and the read mux for STATUS, CYCLES and ID. Other addresses read as 0.
 */
final class RegisterFile extends HwModule {
    final Bool we;
    final UInt addr, wdata;
    final Bool busy, done;
    final UInt cycles;
    final UInt rdata;
    final Bool start;
    private final Map<Register, Data> values = new EnumMap<>(Register.class);

    RegisterFile(DpuConfig c) {
        EngineWidths wd = EngineWidths.of(c);
        we = input("reg_we", bool());
        addr = input("reg_addr", uint(Register.ADDRESS_BITS));
        wdata = input("reg_wdata", uint(Register.dataWidth(wd)));
        busy = input("busy", bool());
        done = input("done", bool());
        cycles = input("cycles", uint(Register.CYCLES.width(wd)));
        rdata = output("reg_rdata", uint(32));
        start = output("start", bool());

        for (Register r : Register.values()) {
            if (r.access() != Register.Access.WRITE || r == Register.CTRL || !r.presentIn(c)) continue;
            int w = r.width(wd);
            if (r.tableSize() == 1) {
                Signal port = output(portName(r), r.signed() ? sint(w) : uint(w));
                port.assign(field(r, 0, w));
                values.put(r, port);
            } else {
                Vec<? extends Signal> table = r.signed() ? output(portName(r), vec(r.tableSize(), sint(w)))
                        : output(portName(r), vec(r.tableSize(), uint(w)));
                for (int i = 0; i < r.tableSize(); i++) table.get(i).assign(field(r, i, w));
                values.put(r, table);
            }
        }
        start.assign(we.and(addr.eq(Register.CTRL.address())).and(wdata.bit(0)));

        UInt id = U(IdWord.of(c), 32);
        UInt status = cat(done, busy).zext(32);
        rdata.assign(mux(addr.eq(Register.STATUS.address()), status,
                mux(addr.eq(Register.CYCLES.address()), cycles.zext(32),
                        mux(addr.eq(Register.ID.address()), id, U(0, 32)))));
    }

    /** The register holding entry {@code i} of {@code r}, loaded from {@code reg_wdata} on a matching write. */
    private Signal field(Register r, int i, int w) {
        String name = r.name().toLowerCase(java.util.Locale.ROOT) + (r.tableSize() > 1 ? "_" + i : "") + "_q";
        UInt bits = wdata.bits(w - 1, 0);
        if (r.signed()) {
            SInt q = reg(name, sint(w));
            when(we.and(addr.eq(r.address(i))), () -> q.assign(bits.asSInt()));
            return q;
        }
        UInt q = r.resets() ? regInit(name, uint(w), 0) : reg(name, uint(w));
        when(we.and(addr.eq(r.address(i))), () -> q.assign(bits));
        return q;
    }

    private static String portName(Register r) {
        return r.name().toLowerCase(java.util.Locale.ROOT);
    }

    UInt u(Register r) {
        return (UInt) values.get(r);
    }

    SInt s(Register r) {
        return (SInt) values.get(r);
    }

    @SuppressWarnings("unchecked")
    <T extends Data> Vec<T> table(Register r) {
        return (Vec<T>) values.get(r);
    }

    @Override
    protected String moduleName() {
        return "dpu_registers";
    }
}
