package org.jdpu.hdl.tests;

import org.jdpu.hdl.Bool;
import org.jdpu.hdl.Bundle;
import org.jdpu.hdl.UInt;

import static org.jdpu.hdl.Hdl.bool;
import static org.jdpu.hdl.Hdl.uint;

/** A valid/ready stream: data and valid run forward, ready runs back. */
final class Stream extends Bundle {
    final UInt data;
    final Bool valid = field("valid", bool());
    final Bool ready = flipped("ready", bool());

    Stream(int width) {
        data = field("data", uint(width));
    }
}
