package org.jdpu.iss;

import org.jdpu.compiler.net.FeatureMap;
import org.jdpu.compiler.net.NetProgram;
import org.jdpu.tensor.Int8Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a compiled network on the instruction-set simulator: lays its regions out as a {@link Ddr}
 * image (PARAMS and INPUT filled, WORKSPACE and OUTPUT zero), executes the program in order and
 * reads every layer's output feature map back out of DDR. This is the second reference of network
 * cosimulation: the RTL must equal it, and it must equal the golden model.
 */
public final class NetIss {
    private NetIss() {}

    /** The simulator's result and each layer's output, as found in DDR when the program ended. */
    public record Outcome(IssResult result, Ddr ddr, List<Int8Tensor> layerOutputs) {}

    public static Outcome run(NetProgram p) {
        Ddr ddr = image(p);
        IssResult r = Iss.run(p.config(), p.instructions(), ddr);
        List<Int8Tensor> outs = new ArrayList<>();
        for (NetProgram.LayerInfo l : p.layers()) outs.add(read(ddr.region(l.output().region().ordinal()), l.output()));
        return new Outcome(r, ddr, outs);
    }

    /** The DDR image a program starts from. */
    public static Ddr image(NetProgram p) {
        Ddr ddr = new Ddr();
        for (NetProgram.RegionImage r : p.regions()) {
            byte[] b = r.contents() != null ? r.contents().clone() : new byte[Math.toIntExact(r.size())];
            ddr.put(r.region().ordinal(), b);
        }
        return ddr;
    }

    /** The NHWC tensor {@code [1, h, w, c]} of feature map {@code f} in region bytes {@code region}. */
    public static Int8Tensor read(byte[] region, FeatureMap f) {
        byte[] out = new byte[f.h() * f.w() * f.c()];
        for (int y = 0; y < f.h(); y++) {
            for (int x = 0; x < f.w(); x++) {
                if (!f.grouped()) {
                    System.arraycopy(region, Math.toIntExact(f.at(y, x, 0)), out, (y * f.w() + x) * f.c(), f.c());
                    continue;
                }
                for (int ch = 0; ch < f.c(); ch++) out[(y * f.w() + x) * f.c() + ch] = region[Math.toIntExact(f.at(y, x, ch))];
            }
        }
        return new Int8Tensor(f.shape(), out);
    }
}
