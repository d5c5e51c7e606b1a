package org.jdpu.cosim.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.arch.isa.Instruction;
import org.jdpu.arch.isa.Opcode;
import org.jdpu.arch.model.ProgramCycleModel;
import org.jdpu.arch.model.QueueTimeline;
import org.jdpu.cases.CustomNetConvs;
import org.jdpu.compiler.net.LayerTensors;
import org.jdpu.compiler.net.NetProgram;
import org.jdpu.compiler.net.NetworkCompiler;
import org.jdpu.memory.DdrTiming;
import org.junit.jupiter.api.Test;

import java.util.List;

class ScratchTest {
    @Test
    void schedule() {
        CustomNetConvs n = CustomNetConvs.of(224, 1);
        List<LayerTensors> t = n.operands().stream().map(o -> new LayerTensors(o.weights(), o.bias())).toList();
        DpuConfig c = DpuConfig.parse("B512");
        NetProgram p = NetworkCompiler.compile(c, n.spec(), n.input(), t);
        QueueTimeline.Schedule s = ProgramCycleModel.schedule(c, AxiConfig.DEFAULT, NetCosim.memoryTiming(DdrTiming.ZCU102_HP), p.instructions());
        for (var l : p.layers()) System.out.println(l.name() + " runs " + l.runs() + " db " + l.doubleBuffered() + " instr " + l.instructions());
        int shown = 0;
        long prevConvEnd = 0;
        for (int i = 0; i < p.instructions().size(); i++) {
            Instruction in = p.instructions().get(i);
            if (p.layerOf()[i] != 2) continue;
            if (shown++ > 120) break;
            System.out.println(i + " " + in.opcode() + " " + s.start()[i] + ".." + s.end()[i] + " (" + (s.end()[i] - s.start()[i]) + ") " + in.text().substring(0, Math.min(90, in.text().length())));
        }
    }
}
