package org.jdpu.sim;

import java.nio.file.Path;

/**
 * Work for {@link InterruptTest} to interrupt, in its own JVM. {@code build <cache root> <counter.v>}
 * builds the counter fixture (a cache miss) and prints "BUILT"; {@code trace <FST|VCD> <file>}
 * opens a traced counter from the default cache, prints "TRACING" once the waveform is being
 * written and then steps until it is killed.
 */
public final class InterruptMain {
    private InterruptMain() {}

    public static void main(String[] args) {
        switch (args[0]) {
            case "build" -> {
                Verilator.build(ModelSpec.of("counter", Path.of(args[2])).withOptLevel(Fixtures.TEST_OPT_LEVEL), Path.of(args[1]));
                System.out.println("BUILT");
            }
            case "trace" -> {
                CompiledModel m = Verilator.build(Fixtures.spec("counter").withTrace(Trace.valueOf(args[1])));
                try (Simulator sim = m.open(Path.of(args[2]))) {
                    sim.reset(1);
                    sim.port("en").set(1);
                    sim.step(1000);
                    sim.flush();
                    System.out.println("TRACING");
                    while (true) sim.step(1000);
                }
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}
