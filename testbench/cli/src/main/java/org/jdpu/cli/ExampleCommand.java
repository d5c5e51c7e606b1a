package org.jdpu.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jdpu.cases.BranchConcatNet;
import org.jdpu.cases.CustomNet;
import org.jdpu.cases.CustomNetConvs;
import org.jdpu.cases.ModelZoo;
import org.jdpu.cases.Operands;
import org.jdpu.io.IoErrors;
import org.jdpu.io.OutputDirectory;
import org.jdpu.io.UserError;
import org.jdpu.spec.Activation;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.LayerJson;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.Quant;
import org.jdpu.spec.Window;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Npy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code dpu example}: writes a ready-to-run network folder (network.json, each layer's weights and
 * bias, an input) for the cosimulation and compile commands.
 */
@Command(name = "example", mixinStandardHelpOptions = true,
        description = {"Write an example network: network.json with its layers inline, <layer>_w.npy, <layer>_b.npy and "
                + "input.npy, drawn from --seed.",
                "customnet-convs: the seed CustomNet's three 5x5 convolutions (224x224x3 -> 32 -> 64 -> 128) as one chain, "
                        + "strides 4 where CustomNet pools, so every layer keeps CustomNet's output shape and MACs.",
                "branch-concat: a graph (default 32x32x3): stem -> branches a (48 channels) and b (13) -> their concat -> "
                        + "head, and side reading a as a second output; the concat is placed on every preset whose "
                        + "ICP = OCP divides 48 (B512, B1024, B1152, B2304, B4096).",
                "customnet: the seed CustomNet in full: each convolution followed by its 4x4 max pool, then the dense "
                        + "head (128 with relu, 10) as convolutions over the whole map, so the engine runs it; --size at least 64.",
                "resnet50, mobilenetv2 (224), yolov3-tiny (416): the published shapes with batch norm folded, synthetic "
                        + "weights from --seed, shift mode (the golden model runs them; the engine maps part of them)."})
public final class ExampleCommand implements Runnable {
    /** The file every example folder holds (and that lets --out replace an older example). */
    static final String NETWORK = "network.json";

    static final String CUSTOMNET = "customnet-convs", BRANCH_CONCAT = "branch-concat", FULL_CUSTOMNET = "customnet";

    @Parameters(index = "0", paramLabel = "NAME", description = CUSTOMNET + ", " + BRANCH_CONCAT + ", " + FULL_CUSTOMNET
            + " or a model: resnet50, mobilenetv2, yolov3-tiny")
    String name;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "the folder, " + OutputHelp.DIRECTORY)
    Path out;

    @Option(names = "--size", paramLabel = "N",
            description = "input height and width, 16..1024, a multiple of 16 (default 224 for " + CUSTOMNET + ", 32 for "
                    + BRANCH_CONCAT + "); a model's published size by default, a multiple of 32 (customnet: of 16, at "
                    + "least 64)")
    Integer size;

    @Option(names = "--seed", paramLabel = "S", description = "seed of the tensors (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Override
    public void run() {
        // The zoo's own CustomNet (dense layers as dense) is what make bench measures; the example is the
        // engine's form of the same network, so "customnet" goes to that.
        ModelZoo model = name.equals(FULL_CUSTOMNET) ? null : ModelZoo.byId(name);
        if (model != null) {
            writeModel(model);
            return;
        }
        if (!name.equals(CUSTOMNET) && !name.equals(BRANCH_CONCAT) && !name.equals(FULL_CUSTOMNET)) {
            throw new UserError("unknown example '" + name + "'; the examples are: " + CUSTOMNET + ", " + BRANCH_CONCAT + ", "
                    + FULL_CUSTOMNET + ", resnet50, mobilenetv2, yolov3-tiny");
        }
        int size = this.size != null ? this.size : name.equals(BRANCH_CONCAT) ? 32 : 224;
        checkSize(size);
        if (name.equals(FULL_CUSTOMNET)) {
            if (size < 64) throw new UserError("--size must be at least 64 for customnet (three pools by 4), got " + size);
            CustomNet g = CustomNet.of(size, seed);
            write(g.spec(), g.operands(), g.input(), size, cosimHint());
            return;
        }
        if (name.equals(BRANCH_CONCAT)) {
            BranchConcatNet g = BranchConcatNet.of(size, seed);
            write(g.spec(), g.operands(), g.input(), size, cosimHint());
            return;
        }
        CustomNetConvs net = CustomNetConvs.of(size, seed);
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode entries = m.createArrayNode();
        try (OutputDirectory dir = OutputDirectory.replacing(out, NETWORK)) {
            for (int i = 0; i < net.spec().layers().size(); i++) {
                NetworkSpec.Layer l = net.spec().layers().get(i);
                Operands o = net.operands().get(i);
                ObjectNode e = entries.addObject();
                e.put("name", l.name());
                e.set("layer", conv(m, (Conv2dSpec) l.spec()));
                e.put("weights", l.name() + "_w.npy");
                e.put("bias", l.name() + "_b.npy");
                Npy.write(dir.staging().resolve(l.name() + "_w.npy"), o.weights());
                Npy.write(dir.staging().resolve(l.name() + "_b.npy"),
                        o.bias() != null ? o.bias() : Int32Tensor.zeros(o.weights().shape()[0]));
            }
            Npy.write(dir.staging().resolve("input.npy"), net.input());
            m.writeValue(dir.staging().resolve(NETWORK).toFile(), entries);
            dir.commit();
        } catch (IOException e) {
            throw new UserError("cannot write " + out + ": " + IoErrors.describe(e), e);
        }
        System.out.println("wrote " + out.resolve(NETWORK) + " (" + net.spec().layers().size() + " layers, input "
                + size + "x" + size + "x3, seed " + seed + "); run it with: bin/dpu cosim --network "
                + out.resolve(NETWORK) + " --input " + out.resolve("input.npy") + " --arch B512");
    }

    /** A model zoo network at its published size or --size. */
    private void writeModel(ModelZoo model) {
        int side = size != null ? size : model.size();
        if (side > 1024 || side < model.minSide() || side % model.granule() != 0) {
            throw new UserError("--size for " + model.id() + " must be a multiple of " + model.granule() + " in "
                    + model.minSide() + "..1024, got " + side);
        }
        ModelZoo.Network n = model.build(side, seed);
        java.util.List<Operands> ops = n.entries().stream().map(e -> new Operands(null, e.weights(), e.bias())).toList();
        // The golden model runs every one; the engine those whose layers it maps on the chosen preset (make bench's zoo figures).
        write(n.spec(), ops, n.input(), side, "run it with: bin/dpu cosim --arch B4096 --network " + out.resolve(NETWORK)
                + " --input " + out.resolve("input.npy") + ", or through the golden model: bin/dpu golden --network "
                + out.resolve(NETWORK) + " --input " + out.resolve("input.npy") + " --out y.npy");
    }

    /** A network with its links, each conv's tensors beside it, and the input. */
    private void write(NetworkSpec net, java.util.List<Operands> operands, org.jdpu.tensor.Int8Tensor input, int size,
                       String hint) {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode entries = m.createArrayNode();
        try (OutputDirectory dir = OutputDirectory.replacing(out, NETWORK)) {
            for (int i = 0; i < net.layers().size(); i++) {
                NetworkSpec.Layer l = net.layers().get(i);
                Operands o = operands.get(i);
                ObjectNode e = entries.addObject();
                e.put("name", l.name());
                l.inputs().forEach(e.putArray("inputs")::add);
                if (l.output()) e.put("output", true);
                e.set("layer", LayerJson.of(l.spec()));
                if (o.weights() == null) continue;
                e.put("weights", l.name() + "_w.npy");
                e.put("bias", l.name() + "_b.npy");
                Npy.write(dir.staging().resolve(l.name() + "_w.npy"), o.weights());
                Npy.write(dir.staging().resolve(l.name() + "_b.npy"),
                        o.bias() != null ? o.bias() : Int32Tensor.zeros(o.weights().shape()[0]));
            }
            Npy.write(dir.staging().resolve("input.npy"), input);
            m.writeValue(dir.staging().resolve(NETWORK).toFile(), entries);
            dir.commit();
        } catch (IOException e) {
            throw new UserError("cannot write " + out + ": " + IoErrors.describe(e), e);
        }
        System.out.println("wrote " + out.resolve(NETWORK) + " (" + net.layers().size() + " layers, input "
                + size + "x" + size + "x3, seed " + seed + "); " + hint);
    }

    private String cosimHint() {
        return "run it with: bin/dpu cosim --network " + out.resolve(NETWORK) + " --input " + out.resolve("input.npy")
                + " --arch B512";
    }

    /**
     * An example's input side: a multiple of 16 so CustomNet's two stride-4 layers divide it exactly,
     * and at most 1024, beyond which the golden model's tensors need gigabytes and the RTL hours.
     */
    static void checkSize(int size) {
        if (size < 16 || size > 1024 || size % 16 != 0) throw new UserError("--size must be a multiple of 16 in 16..1024, got " + size);
    }

    /** A shift-mode conv2d spec as the spec format writes it. */
    static ObjectNode conv(ObjectMapper m, Conv2dSpec s) {
        ObjectNode n = m.createObjectNode();
        n.put("op", s.op());
        ObjectNode in = n.putObject("input");
        in.put("h", s.input().h());
        in.put("w", s.input().w());
        in.put("c", s.input().c());
        n.put("output_channels", s.outputChannels());
        Window w = s.window();
        n.putArray("kernel").add(w.kh()).add(w.kw());
        n.putArray("stride").add(w.sh()).add(w.sw());
        n.putArray("dilation").add(w.dh()).add(w.dw());
        n.putArray("padding").add(w.padding().top()).add(w.padding().left()).add(w.padding().bottom()).add(w.padding().right());
        Quant.ShiftQuant q = (Quant.ShiftQuant) s.quant();
        ObjectNode qn = n.putObject("quant");
        qn.put("mode", "shift");
        qn.put("fp_input", q.fpInput());
        qn.put("fp_weights", q.fpWeights());
        qn.put("fp_bias", q.fpBias());
        qn.put("fp_output", q.fpOutput());
        n.putObject("activation").put("type", switch (s.activation()) {
            case Activation.None a -> "none";
            case Activation.Relu a -> "relu";
            case Activation.Relu6 a -> "relu6";
            case Activation.LeakyRelu a -> "leaky_relu";
            case Activation.Clamp a -> throw new IllegalArgumentException("clamp is not written by the examples");
        });
        return n;
    }
}
