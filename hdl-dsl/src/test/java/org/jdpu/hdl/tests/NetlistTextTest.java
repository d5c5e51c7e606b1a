package org.jdpu.hdl.tests;

import org.jdpu.hdl.Design;
import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.UInt;
import org.jdpu.hdl.ir.LocationStyle;
import org.jdpu.hdl.ir.ModuleDef;
import org.jdpu.hdl.ir.NetlistText;
import org.jdpu.hdl.pass.Dedup;
import org.junit.jupiter.api.Test;

import static org.jdpu.hdl.Hdl.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The netlist text's location styles, its determinism, and its use as the deduplication key. */
class NetlistTextTest {

    static final class Offset extends HwModule {
        Offset(int k, String name) {
            UInt a = input("a", uint(8));
            UInt y = output("y", uint(8));
            UInt w = wire(name, uint(8));
            w.assign(a.addWrap(k)); // @offset
            y.assign(w);
        }
    }

    private static ModuleDef netlist(int k, String name) {
        return Design.elaborate(() -> new Offset(k, name)).topNetlist();
    }

    @Test
    void locationsInEachStyle() {
        ModuleDef m = netlist(3, "w");
        String at = SourceLines.at("NetlistTextTest.java", "@offset");
        assertTrue(NetlistText.print(m).contains(" in ^0 @[" + at + "]\n"), NetlistText.print(m));
        assertTrue(NetlistText.print(m, LocationStyle.FILE).contains(" in ^0 @[NetlistTextTest.java]\n"));
        assertTrue(!NetlistText.print(m, LocationStyle.NONE).contains("@["));
        assertEquals(NetlistText.print(m, LocationStyle.FILE_LINE).replaceAll(" @\\[[^]]*]", ""),
                NetlistText.print(m, LocationStyle.NONE), "locations only add a suffix");
    }

    @Test
    void equalNetlistsPrintEqualTextAndAnyDifferenceShows() {
        assertEquals(NetlistText.print(netlist(3, "w")), NetlistText.print(netlist(3, "w")));
        assertEquals(Dedup.signature(netlist(3, "w")), Dedup.signature(netlist(3, "w")));
        assertNotEquals(Dedup.signature(netlist(3, "w")), Dedup.signature(netlist(5, "w")), "a constant");
        assertNotEquals(Dedup.signature(netlist(3, "w")), Dedup.signature(netlist(3, "v")), "a name");
        assertTrue(NetlistText.print(netlist(3, "odd \"name\"\n")).contains("\"odd \\\"name\\\"\\n\""),
                "names are quoted and escaped");
    }

    @Test
    void theDeduplicationKeyIsTheTextWithoutLocations() {
        ModuleDef m = netlist(3, "w");
        assertEquals(NetlistText.print(m, LocationStyle.NONE), Dedup.signature(m));
    }
}
