package org.jdpu.cli;

/**
 * The one rule for output paths, as every {@code --out} help states it: an output directory is
 * created together with any missing parents (as {@code --out build/gen/B512} is meant), while a
 * single output file must go into a directory that exists, so a mistyped path fails before a
 * long run instead of scattering new directories.
 */
final class OutputHelp {
    private OutputHelp() {}

    /** Ends the help of an option naming an output directory. */
    static final String DIRECTORY = "created with any missing parents";

    /** Ends the help of an option naming an output file. */
    static final String FILE = "its directory must exist";
}
