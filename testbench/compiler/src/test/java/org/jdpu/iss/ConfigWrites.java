package org.jdpu.iss;

import org.jdpu.arch.isa.Field;
import org.jdpu.arch.isa.Instruction;
import org.jdpu.arch.plan.RegisterWrite;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Register writes as CONFIG instructions: runs of consecutive addresses, up to six per instruction. */
final class ConfigWrites {
    private ConfigWrites() {}

    /** The values go in as written (negative ones in two's complement), so the simulator does the cutting. */
    static List<Instruction> of(List<RegisterWrite> writes) {
        List<RegisterWrite> sorted = new ArrayList<>(writes);
        sorted.sort(Comparator.comparingInt(RegisterWrite::address));
        List<Instruction> out = new ArrayList<>();
        int i = 0;
        while (i < sorted.size()) {
            int first = sorted.get(i).address();
            List<Long> values = new ArrayList<>();
            while (i < sorted.size() && values.size() < Field.VALUES.length
                    && sorted.get(i).address() == first + values.size()) {
                values.add(sorted.get(i).value());
                i++;
            }
            out.add(Instruction.config(first, values.stream().mapToLong(Long::longValue).toArray()));
        }
        return out;
    }
}
