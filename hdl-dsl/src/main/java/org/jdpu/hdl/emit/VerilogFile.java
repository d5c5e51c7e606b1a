package org.jdpu.hdl.emit;

/** One emitted Verilog file: its file name (module name + ".v") and text. */
public record VerilogFile(String name, String module, String text) {}
