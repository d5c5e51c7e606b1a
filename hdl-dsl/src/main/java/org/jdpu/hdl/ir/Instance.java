package org.jdpu.hdl.ir;

/**
 * A child module instance. {@code portNodes[i]} is the node of this module that stands for the
 * child's i-th port ({@link ModuleDef#ports()} order).
 */
public record Instance(String name, ModuleDef module, int[] portNodes, SourceLoc loc) {}
