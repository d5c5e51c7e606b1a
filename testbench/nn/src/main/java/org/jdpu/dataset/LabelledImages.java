package org.jdpu.dataset;

/**
 * Greyscale images with one class label each: {@code count} images of {@code height x width}
 * unsigned bytes in row-major order, back to back, and one label byte per image.
 */
public record LabelledImages(String name, int count, int height, int width, byte[] pixels, byte[] labels) {
    public LabelledImages {
        if (pixels.length != (long) count * height * width || labels.length != count) {
            throw new IllegalArgumentException(name + ": " + count + " images of " + height + "x" + width + " need "
                    + (long) count * height * width + " pixels and " + count + " labels, got " + pixels.length + " and "
                    + labels.length);
        }
    }

    public int pixelsPerImage() {
        return height * width;
    }

    /** The class of image {@code i}. */
    public int label(int i) {
        return labels[i] & 0xff;
    }

    /** Pixel {@code (y, x)} of image {@code i}, 0..255. */
    public int pixel(int i, int y, int x) {
        return pixels[(i * height + y) * width + x] & 0xff;
    }

    /** Image {@code i} scaled to [0, 1] (pixel / 255), row-major: one channel, so NCHW and NHWC agree. */
    public float[] scaled(int i) {
        int n = pixelsPerImage();
        float[] out = new float[n];
        for (int k = 0; k < n; k++) out[k] = (pixels[i * n + k] & 0xff) / 255f;
        return out;
    }
}
