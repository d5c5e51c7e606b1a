package org.jdpu.rtl.hw;

import org.jdpu.arch.HostPort;

import org.jdpu.hdl.Bool;
import org.jdpu.hdl.Bundle;
import org.jdpu.hdl.UInt;
import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.EngineWidths;

import static org.jdpu.hdl.Hdl.bool;
import static org.jdpu.hdl.Hdl.uint;

/**
 * The load port as one buffer sees it: write enable (already qualified by {@code ld_sel}), bank or
 * column number, address and data, as wide as the deepest bank and the widest word need.
 */
final class LoadPort extends Bundle {
    final Bool we;
    final UInt bank, addr, data;

    LoadPort(DpuConfig c) {
        we = field("we", bool());
        bank = field("bank", uint(EngineWidths.of(c).bankSelect()));
        addr = field("addr", uint(HostPort.loadAddressWidth(c)));
        data = field("data", uint(HostPort.loadDataWidth(c)));
    }
}
