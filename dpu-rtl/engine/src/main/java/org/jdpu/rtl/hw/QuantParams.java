package org.jdpu.rtl.hw;

import org.jdpu.hdl.Bundle;
import org.jdpu.hdl.SInt;
import org.jdpu.hdl.UInt;

import static org.jdpu.hdl.Hdl.sint;
import static org.jdpu.hdl.Hdl.uint;

/**
 * The run's requantisation settings (the BIAS_SHIFT .. OUT_MAX registers) as one bundle, passed
 * from the register file through the output path to every {@link PostProcessor}.
 */
final class QuantParams extends Bundle {
    final SInt biasShift = field("bias_shift", sint(6));
    final SInt cutShift = field("cut_shift", sint(7));
    final UInt activation = field("activation", uint(2));
    final SInt relu6Shift = field("relu6_shift", sint(7));
    final SInt relu6Out = field("relu6_out", sint(8));
    final SInt outMin = field("out_min", sint(8));
    final SInt outMax = field("out_max", sint(8));
}
