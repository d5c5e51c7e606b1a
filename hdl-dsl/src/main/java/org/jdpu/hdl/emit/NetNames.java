package org.jdpu.hdl.emit;

/**
 * The Verilog names chosen for one module by {@link Legalize}: one per declared net (null for
 * constants and for nets printed through {@code alias}), per instance and per memory, plus the
 * name of the wire that collects unread bits. The printer only reads this.
 */
record NetNames(String[] net, int[] alias, String[] instance, String[] memory, String unusedSink) {}
