package org.jdpu.cli;

import org.jdpu.compiler.net.Listing;
import org.jdpu.compiler.net.NetProgram;
import org.jdpu.compiler.net.NetProgramFile;
import org.jdpu.io.IoErrors;
import org.jdpu.io.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** {@code dpu disasm}: the listing of a raw instruction binary or of a compiled network. */
@Command(name = "disasm", mixinStandardHelpOptions = true,
        description = {"Print the listing of an instruction binary (program.bin) or of a compiled network (.dpunet).",
                "One line per instruction: index, queue, mnemonic, WAIT/SIGNAL, fields, and the layer when known "
                        + "(from a .dpunet, or from --layers for a raw binary)."})
public final class DisasmCommand implements Runnable {

    @Parameters(index = "0", paramLabel = "FILE", description = "program.bin or network.dpunet")
    Path file;

    @Option(names = "--layers", paramLabel = "network.dpunet",
            description = "take the layer of every instruction from this compiled network (its instructions must be FILE's)")
    Path layers;

    @Override
    public void run() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file", e);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + IoErrors.describe(e), e);
        }
        boolean container = bytes.length >= NetProgramFile.MAGIC.length
                && Arrays.equals(Arrays.copyOf(bytes, NetProgramFile.MAGIC.length), NetProgramFile.MAGIC);
        if (container) {
            if (layers != null) throw new UserError(file + " is a compiled network and names its layers itself; drop --layers");
            System.out.print(Listing.of(NetProgram.read(file)));
            return;
        }
        List<String> names = null;
        if (layers != null) {
            NetProgram p = NetProgram.read(layers);
            if (!Arrays.equals(p.binary(), bytes)) {
                throw new UserError(layers + " was not compiled to " + file + " (their instructions differ)");
            }
            names = p.layerNames();
        }
        System.out.print(Listing.disassemble(bytes, file.toString(), names));
    }
}
