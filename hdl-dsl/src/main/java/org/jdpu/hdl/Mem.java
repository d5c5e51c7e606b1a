package org.jdpu.hdl;

import org.jdpu.hdl.ir.Memory;
import org.jdpu.hdl.ir.Node;
import org.jdpu.hdl.ir.SourceLoc;
import org.jdpu.hdl.ir.Stmt;
import org.jdpu.hdl.ir.Ty;

/**
 * A synchronous RAM built with {@link Hdl#mem}. Reads are registered (data appears on the clock
 * edge after the address, read-before-write on a collision); writes happen on the clock edge
 * under the enclosing when branches, optionally per lane with a mask. Emitted in the shape Yosys
 * and Vivado map to block RAM.
 */
public final class Mem<S extends Signal> {
    private final HwModule module;
    private final int index;
    private final Memory memory;
    private final S proto;

    Mem(HwModule module, int index, Memory memory, S proto) {
        this.module = module;
        this.index = index;
        this.memory = memory;
        this.proto = proto;
    }

    public int depth() {
        return memory.depth();
    }

    /** Address width: enough bits for depth - 1. */
    public int addrWidth() {
        return memory.addrWidth();
    }

    public int lanes() {
        return memory.lanes();
    }

    /** Registered read that loads every cycle. */
    public S read(UInt addr) {
        return read(addr, null);
    }

    /** Registered read: the output loads mem[addr] on the clock edge when {@code enable} is high, else holds. */
    @SuppressWarnings("unchecked")
    public S read(UInt addr, Bool enable) {
        SourceLoc loc = Locations.here();
        if (!sameModule(loc)) {
            return (S) Signal.proto(memory.word());
        }
        int a = address(addr, loc);
        int en = enable == null ? -1 : module.ref(enable, loc);
        module.domainNets(memory.domain(), false);
        int net = module.def.addNode(new Node.MemRead(index, a, en, memory.word(), loc), null);
        return (S) Signal.wrap(proto.ty, module, net);
    }

    /** Writes {@code data} to mem[addr] on the clock edge, under the current when branches. */
    public void write(UInt addr, S data) {
        write(addr, data, null);
    }

    /** Writes the lanes of {@code data} whose bit in {@code mask} (one per lane) is set. */
    public void write(UInt addr, S data, UInt mask) {
        SourceLoc loc = Locations.here();
        if (!sameModule(loc)) {
            return;
        }
        int a = address(addr, loc);
        int d = module.ref(data, loc);
        if (!data.ty.equals(memory.word()) && data.width() != memory.word().width()) {
            module.report(loc, "write data " + data.ty + " does not match memory word " + memory.word());
        }
        int m = -1;
        if (mask != null) {
            m = module.ref(mask, loc);
            if (mask.width() != memory.lanes()) {
                module.report(loc, "write mask " + mask.ty + " needs one bit per lane (" + memory.lanes() + ")");
            }
        }
        module.domainNets(memory.domain(), false);
        module.def.addStmt(new Stmt.MemWrite(index, a, d, m, module.scope, loc));
    }

    private boolean sameModule(SourceLoc loc) {
        if (Elaboration.module() != module) {
            Elaboration.module().report(loc, "memory '" + memory.name() + "' of " + module.def.desiredName()
                    + " can only be accessed inside that module");
            return false;
        }
        return true;
    }

    private int address(UInt addr, SourceLoc loc) {
        int a = module.ref(addr, loc);
        if (addr.width() > memory.addrWidth()) {
            module.report(loc, "address " + addr.ty + " is wider than memory '" + memory.name() + "' needs ("
                    + memory.addrWidth() + " bits for " + memory.depth() + " words); truncate it");
        } else if (addr.width() < memory.addrWidth()) {
            a = module.def.addNode(new Node.Op(org.jdpu.hdl.ir.OpKind.RESIZE, Ty.uint(memory.addrWidth()),
                    new int[] {a}, 0, loc), null);
        }
        return a;
    }
}
