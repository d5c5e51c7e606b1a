package org.jdpu.memory;

import org.jdpu.hdl.Bool;
import org.jdpu.hdl.Bundle;
import org.jdpu.hdl.UInt;
import org.jdpu.hdl.lib.Axi4;

import static org.jdpu.hdl.Hdl.bool;
import static org.jdpu.hdl.Hdl.uint;

/**
 * The part of an AXI4 AR or AW channel a DDR channel uses (id, address, length, size, burst,
 * valid; ready the other way), seen from the master like {@link Axi4.Address}. The attribute
 * signals (lock, cache, prot, qos, region) do not change what a memory does and stay behind.
 */
final class DdrRequestPort extends Bundle {
    final UInt id;
    final UInt addr;
    final UInt len;
    final UInt size;
    final UInt burst;
    final Bool valid;
    final Bool ready;

    DdrRequestPort(int addrWidth, int idWidth) {
        id = field("id", uint(idWidth));
        addr = field("addr", uint(addrWidth));
        len = field("len", uint(8));
        size = field("size", uint(3));
        burst = field("burst", uint(2));
        valid = field("valid", bool());
        ready = flipped("ready", bool());
    }

    /** Drives this port (an instance's input, in the parent) from the master side of {@code a}; returns its ready. */
    void connect(Axi4.Address a) {
        id.assign(a.id);
        addr.assign(a.addr);
        len.assign(a.len);
        size.assign(a.size);
        burst.assign(a.burst);
        valid.assign(a.valid);
        a.ready.assign(ready);
    }

    Bool fire() {
        return valid.and(ready);
    }
}
