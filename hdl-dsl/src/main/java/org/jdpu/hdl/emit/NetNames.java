package org.jdpu.hdl.emit;

/**
 * The Verilog names chosen for one module by {@link Legalize}: one per declared net (null for
 * constants, for nets printed through {@code alias} and for operators printed {@code inline}
 * at their only use), per instance and per memory, plus the name of the wire that collects
 * unread bits. {@code instanceDrives[i]} is the wire or output that instance output i is
 * connected to directly (sharing its name), or -1.
 * The printer only reads this.
 */
record NetNames(String[] net, int[] alias, boolean[] inline, int[] instanceDrives, String[] instance,
                String[] memory, String unusedSink) {}
