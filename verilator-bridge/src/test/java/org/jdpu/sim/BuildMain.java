package org.jdpu.sim;

import java.nio.file.Path;

/**
 * Builds one model in its own JVM, for tests of cross-process cache safety and of tool errors.
 * Arguments: cache root, top module, Verilog file. Prints "BUILT" or "CACHED" and then the value
 * of the counter fixture's count after reset and 5 enabled cycles, or "ERROR" and the message.
 */
public final class BuildMain {
    private BuildMain() {}

    public static void main(String[] args) {
        try {
            CompiledModel m = Verilator.build(ModelSpec.of(args[1], Path.of(args[2]))
                    .withOptLevel(Fixtures.TEST_OPT_LEVEL), Path.of(args[0]));
            try (Simulator sim = m.open()) {
                sim.reset(1);
                sim.port("en").set(1);
                sim.step(5);
                System.out.println((m.fromCache() ? "CACHED " : "BUILT ") + sim.port("count").get());
            }
        } catch (VerilatorException e) {
            System.out.println("ERROR " + e.getMessage());
            System.exit(3);
        }
    }
}
