package org.jdpu.importer.tflite;

import com.google.flatbuffers.Table;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tensorflowlite.BuiltinOpResolverWithoutDefaultDelegates;
import org.bytedeco.tensorflowlite.FlatBufferModel;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.InterpreterBuilder;
import org.bytedeco.tensorflowlite.InterpreterOptions;
import org.bytedeco.tensorflowlite.TfLiteTensor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * TensorFlow Lite itself as the reference: a model run by its interpreter with the builtin integer
 * kernels (no XNNPACK delegate, whose int8 path rescales in float) and every intermediate tensor
 * preserved, so each tensor can be compared with the golden model's layer outputs.
 */
final class TfliteRuntime implements AutoCloseable {
    private final FlatBufferModel model;
    private final Interpreter interpreter = new Interpreter();

    TfliteRuntime(Path file) {
        model = FlatBufferModel.BuildFromFile(file.toString());
        if (model == null || model.isNull()) throw new IllegalStateException("TFLite cannot load " + file);
        InterpreterOptions options = new InterpreterOptions();
        options.SetPreserveAllTensors(true);
        if (new InterpreterBuilder(model, new BuiltinOpResolverWithoutDefaultDelegates(), options).apply(interpreter) != 0) {
            throw new IllegalStateException("TFLite cannot build an interpreter for " + file);
        }
        interpreter.SetNumThreads(1);
        if (interpreter.AllocateTensors() != 0) throw new IllegalStateException("TFLite cannot allocate " + file);
    }

    /** Runs {@code input} (the int8 or uint8 model input) and returns the bytes of {@code tensors}, by index. */
    Map<Integer, byte[]> run(byte[] input, Iterable<Integer> tensors) {
        // The raw bytes: int8 and uint8 inputs alike.
        BytePointer in = interpreter.input_tensor(0).data().raw();
        in.put(input, 0, input.length);
        if (interpreter.Invoke() != 0) throw new IllegalStateException("TFLite Invoke failed");
        Map<Integer, byte[]> out = new HashMap<>();
        for (int t : tensors) {
            TfLiteTensor tensor = interpreter.tensor(t);
            byte[] v = new byte[(int) tensor.bytes()];
            tensor.data().raw().get(v);
            out.put(t, v);
        }
        return out;
    }

    @Override
    public void close() {
        interpreter.close();
        model.close();
    }

    /**
     * A copy of the model file in which every tensor whose {@code quantized_dimension} is not one of
     * its dimensions says 0 instead: the old converter quirk (person_detect's rank-1 biases with 3)
     * that TensorFlow Lite refuses while TFLite Micro never reads the field of a bias.
     */
    static Path withQuirkCleared(Path file, Path dir) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            Node model = new Node(bb, bb.getInt(0));
            Node subgraph = model.child(2, 0);
            int count = subgraph.vectorLength(0);
            for (int i = 0; i < count; i++) {
                Node tensor = subgraph.child(0, i);
                int rank = tensor.vectorLength(0);
                Node quant = tensor.table(4);
                if (quant == null) continue;
                int at = quant.position(6);
                if (at != 0 && bb.getInt(at) >= rank) bb.putInt(at, 0);
            }
            Path out = dir.resolve(file.getFileName());
            Files.write(out, bytes);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Just enough flatbuffer navigation to find one field's bytes in a well-formed model. */
    private static final class Node extends Table {
        Node(ByteBuffer bb, int pos) {
            __reset(pos, bb);
        }

        int position(int field) {
            int o = __offset(4 + 2 * field);
            return o == 0 ? 0 : bb_pos + o;
        }

        int vectorLength(int field) {
            int o = __offset(4 + 2 * field);
            return o == 0 ? 0 : __vector_len(o);
        }

        Node child(int field, int index) {
            int p = __vector(__offset(4 + 2 * field)) + 4 * index;
            return new Node(bb, __indirect(p));
        }

        Node table(int field) {
            int o = __offset(4 + 2 * field);
            return o == 0 ? null : new Node(bb, __indirect(bb_pos + o));
        }
    }
}
