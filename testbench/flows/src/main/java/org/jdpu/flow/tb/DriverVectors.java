package org.jdpu.flow.tb;

import org.jdpu.compiler.Compiler;
import org.jdpu.compiler.Program;
import org.jdpu.compiler.RunProgram;
import org.jdpu.golden.Golden;
import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.EngineWidths;
import org.jdpu.arch.plan.RegisterWrite;
import org.jdpu.spec.LayerSpec;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Testbench vectors for one layer, taken from the real driver and the golden model: the
 * compiled {@link Program} gives the bus operations in the order the driver performs them
 * (per run: loads, descriptor registers, start and wait, reads), and the golden model's output,
 * arranged the way each run's words are read back, gives the expected bytes.
 */
public final class DriverVectors {
    private DriverVectors() {}

    /**
     * @param description how the testbench names the layer (shape, seed)
     * @param bias        null for zeros
     */
    public static TestbenchVectors of(DpuConfig cfg, String description, LayerSpec spec, Int8Tensor input,
                                      Int8Tensor weights, Int32Tensor bias) {
        return of(Compiler.compile(cfg, spec, input, weights, bias), description, spec, input, weights, bias);
    }

    /** Vectors that replay {@code program}, compiled beforehand from this layer and these operands. */
    public static TestbenchVectors of(Program program, String description, LayerSpec spec, Int8Tensor input,
                                      Int8Tensor weights, Int32Tensor bias) {
        DpuConfig cfg = program.config();
        Tensor golden = Golden.run(spec, input, weights, bias);
        if (!(golden instanceof Int8Tensor out)) {
            throw new IllegalArgumentException("the engine's output is int8; the golden model returned " + golden.getClass().getSimpleName());
        }
        EngineWidths widths = EngineWidths.of(cfg);
        List<BusOp> ops = new ArrayList<>();
        List<ExpectedWord> expected = new ArrayList<>();
        for (int i = 0; i < program.runs().size(); i++) {
            RunProgram run = program.runs().get(i);
            program.loads(i, (sel, bank, address, limbs) -> ops.add(new BusOp.Load(sel, bank, address, limbs.clone())));
            for (RegisterWrite w : run.registers()) ops.add(new BusOp.RegWrite(w.address(), w.bits(widths)));
            ops.add(new BusOp.Run(run.expectedCycles()));
            ops.add(new BusOp.Read(run.readWords()));
            int[] element = elementOfEachByte(program, i);
            int ocp = cfg.ocp();
            for (int word = 0; word < run.readWords(); word++) {
                byte[] lanes = new byte[ocp];
                boolean[] compare = new boolean[ocp];
                for (int lane = 0; lane < ocp; lane++) {
                    int e = element[word * ocp + lane];
                    if (e >= 0) {
                        lanes[lane] = out.data()[e];
                        compare[lane] = true;
                    }
                }
                expected.add(new ExpectedWord(lanes, compare));
            }
        }
        return new TestbenchVectors(cfg.name(), description + ", " + program.runs().size() + " run(s)", ops, expected);
    }

    /**
     * For each byte run {@code index} reads back, the NHWC output element it becomes, or -1 for a
     * byte the driver drops (channels past the layer's last). The driver's
     * {@link Program#scatter} is the one definition of that placement; feeding it the bytes'
     * own indices, one base-256 digit per pass, inverts it without a second copy of the layout.
     */
    static int[] elementOfEachByte(Program program, int index) {
        int bytes = program.runs().get(index).readWords() * program.config().ocp();
        int outBytes = program.outputBytes();
        byte[] marks = new byte[bytes];
        Arrays.fill(marks, (byte) 1);
        byte[] touched = new byte[outBytes];
        program.scatter(index, marks, touched);
        int[] source = new int[outBytes];
        for (int shift = 0; shift == 0 || (bytes - 1) >>> shift != 0; shift += 8) {
            byte[] digits = new byte[bytes];
            for (int j = 0; j < bytes; j++) digits[j] = (byte) (j >>> shift);
            byte[] placed = new byte[outBytes];
            program.scatter(index, digits, placed);
            for (int e = 0; e < outBytes; e++) source[e] |= (placed[e] & 0xFF) << shift;
        }
        int[] element = new int[bytes];
        Arrays.fill(element, -1);
        for (int e = 0; e < outBytes; e++) {
            if (touched[e] != 0) element[source[e]] = e;
        }
        return element;
    }
}
