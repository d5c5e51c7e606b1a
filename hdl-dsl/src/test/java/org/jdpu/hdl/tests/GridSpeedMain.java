package org.jdpu.hdl.tests;

import org.jdpu.hdl.Design;
import org.jdpu.hdl.examples.PeGrid;

final class GridSpeedMain {
    public static void main(String[] args) {
        int rows = Integer.parseInt(args[0]), cols = Integer.parseInt(args[1]), lanes = Integer.parseInt(args[2]);
        if (args.length > 3) {
            try {
                var m = Class.forName("org.jdpu.hdl.Locations").getDeclaredMethod("setEnabled", boolean.class);
                m.setAccessible(true);
                m.invoke(null, false);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        for (int i = 0; i < 12; i++) {
            long t0 = System.nanoTime();
            Design d = Design.elaborate(() -> new PeGrid(rows, cols, lanes, 32));
            long t1 = System.nanoTime();
            var out = d.emit("grid");
            long t2 = System.nanoTime();
            long chars = out.files().stream().mapToLong(f -> f.text().length()).sum();
            System.out.printf("total %.1f ms: build %.1f dedup %.1f check %.1f emit %.1f  (%d chars)%n", (t2 - t0) / 1e6,
                    d.timings().buildNanos() / 1e6, d.timings().dedupNanos() / 1e6, d.timings().checkNanos() / 1e6,
                    (t2 - t1) / 1e6, chars);
        }
    }
}
