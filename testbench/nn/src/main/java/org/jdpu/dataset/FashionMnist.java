package org.jdpu.dataset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Zalando's Fashion-MNIST (28x28 grey, 10 classes; 60,000 training and 10,000 test images) read
 * from the IDX files that Debian's {@code dataset-fashion-mnist} installs. {@code make deps}
 * installs the package; the folder can be moved with the system property or environment variable
 * {@value #DIR_PROPERTY} / {@value #DIR_ENV}.
 */
public final class FashionMnist {
    private FashionMnist() {}

    /** Where Debian's package puts the files. */
    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    public static final String DIR_PROPERTY = "jdpu.fashionMnist";
    public static final String DIR_ENV = "JDPU_FASHION_MNIST";

    /** The class names in label order. */
    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    public static final int SIZE = 28;

    /** The folder holding the four files. */
    public static Path dir() {
        String p = System.getProperty(DIR_PROPERTY);
        if (p == null) p = System.getenv(DIR_ENV);
        return p == null || p.isEmpty() ? DEFAULT_DIR : Path.of(p);
    }

    /** The first {@code limit} training images. */
    public static LabelledImages train(int limit) {
        return read(dir(), "train", limit);
    }

    /** The first {@code limit} test images. */
    public static LabelledImages test(int limit) {
        return read(dir(), "t10k", limit);
    }

    /** Reads split {@code prefix} ({@code train} or {@code t10k}) of the files in {@code dir}. */
    public static LabelledImages read(Path dir, String prefix, int limit) {
        if (!Files.isDirectory(dir)) {
            throw new DatasetException("Fashion-MNIST is not installed: " + dir + " does not exist (install Debian's "
                    + "dataset-fashion-mnist, e.g. with 'make deps', or set " + DIR_ENV + ")");
        }
        Path imagesFile = file(dir, prefix + "-images-idx3-ubyte");
        Path labelsFile = file(dir, prefix + "-labels-idx1-ubyte");
        IdxFile images = IdxFile.read(imagesFile, limit);
        IdxFile labels = IdxFile.read(labelsFile, limit);
        int[] d = images.dims();
        if (d.length != 3) throw new DatasetException(imagesFile, "images must have 3 dimensions, got " + d.length);
        if (labels.dims().length != 1) {
            throw new DatasetException(labelsFile, "labels must have 1 dimension, got " + labels.dims().length);
        }
        if (labels.count() != images.count()) {
            throw new DatasetException(labelsFile, labels.count() + " labels for " + images.count() + " images in "
                    + imagesFile.getFileName());
        }
        for (int i = 0; i < labels.count(); i++) {
            int l = labels.data()[i] & 0xff;
            if (l >= CLASSES.size()) throw new DatasetException(labelsFile, "label " + i + " is " + l + ", not in 0..9");
        }
        return new LabelledImages("fashion-mnist " + prefix, images.count(), d[1], d[2], images.data(), labels.data());
    }

    /** The gzip'd file as Debian ships it, or an uncompressed one of the plain name. */
    private static Path file(Path dir, String name) {
        Path gz = dir.resolve(name + ".gz");
        if (Files.exists(gz)) return gz;
        Path plain = dir.resolve(name);
        if (Files.exists(plain)) return plain;
        throw new DatasetException(gz, "no such file (Fashion-MNIST in " + dir + " is incomplete)");
    }
}
