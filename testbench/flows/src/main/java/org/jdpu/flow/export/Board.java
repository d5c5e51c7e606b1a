package org.jdpu.flow.export;

import java.util.Locale;

/**
 * The Zynq UltraScale+ boards the export bundle has a block design for: the device and Vivado's
 * board-part name (the board files ship with Vivado), so the PS gets the board's DDR and clock
 * presets.
 */
public enum Board {
    ZCU102("xczu9eg-ffvb1156-2-e", "xilinx.com:zcu102:part0:3.4"),
    ZCU104("xczu7ev-ffvc1156-2-e", "xilinx.com:zcu104:part0:1.1");

    private final String part;
    private final String boardPart;

    Board(String part, String boardPart) {
        this.part = part;
        this.boardPart = boardPart;
    }

    public String part() {
        return part;
    }

    public String boardPart() {
        return boardPart;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
