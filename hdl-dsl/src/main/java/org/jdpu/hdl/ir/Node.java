package org.jdpu.hdl.ir;

import java.math.BigInteger;

/**
 * One net of a module's flat netlist, identified by its index in {@link ModuleDef#nodes()}.
 * Sources (inputs, constants, operators, registers, instance outputs, memory reads) produce a
 * value; sinks (outputs, wires, instance inputs) are driven by {@link Stmt.Connect} statements
 * and can be read like any other net. Registers are both: read as their current value, connected
 * to give their next value.
 */
public sealed interface Node {

    Ty ty();

    SourceLoc loc();

    /** Input port of the module. */
    record Input(Ty ty, SourceLoc loc) implements Node {}

    /** Output port of the module; driven by connects. */
    record Output(Ty ty, SourceLoc loc) implements Node {}

    /** Combinational signal driven by connects. */
    record Wire(Ty ty, SourceLoc loc) implements Node {}

    /**
     * Register in {@code domain}. {@code init} is the synchronous reset value as an unsigned bit
     * pattern, or null for a register without reset; {@code enable} is a Bool net or -1.
     * {@code synchronizer} marks the first stage of a synchroniser: the one register allowed to
     * sample a signal of an unrelated clock domain.
     */
    record Reg(Ty ty, ClockDomain domain, BigInteger init, int enable, boolean synchronizer, SourceLoc loc)
            implements Node {}

    /** Constant; {@code bits} is the value as an unsigned bit pattern below 2^width. */
    record Const(Ty ty, BigInteger bits, SourceLoc loc) implements Node {}

    /** Pure operator over other nets ({@code args}); {@code param} is the constant of SHL/SHR/SLICE. */
    record Op(OpKind kind, Ty ty, int[] args, int param, SourceLoc loc) implements Node {}

    /**
     * A port of a child instance seen from this module: a source for the child's outputs, a sink
     * (driven by connects) for its inputs. {@code childPort} is the port's node index in the child.
     */
    record InstPort(int instance, int childPort, boolean childOutput, Ty ty, SourceLoc loc) implements Node {}

    /** Synchronous read port of memory {@code mem}: data of {@code addr} appears one clock later when {@code enable}. */
    record MemRead(int mem, int addr, int enable, Ty ty, SourceLoc loc) implements Node {}

    /** Implicit clock or reset input of a clock domain. */
    record DomainPort(ClockDomain domain, boolean reset, SourceLoc loc) implements Node {
        @Override
        public Ty ty() {
            return Ty.BOOL;
        }
    }
}
