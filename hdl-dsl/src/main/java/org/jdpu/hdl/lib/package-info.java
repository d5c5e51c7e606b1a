/**
 * The DSL's standard library: a ready/valid {@link org.jdpu.hdl.lib.Stream} with a
 * {@link org.jdpu.hdl.lib.SkidBuffer} and a {@link org.jdpu.hdl.lib.Fifo}; builders that put
 * hardware into the module under construction ({@link org.jdpu.hdl.lib.Delay},
 * {@link org.jdpu.hdl.lib.Counter}, {@link org.jdpu.hdl.lib.ReductionTree}); and the AMBA
 * interfaces {@link org.jdpu.hdl.lib.AxiLite}, {@link org.jdpu.hdl.lib.Axi4} and
 * {@link org.jdpu.hdl.lib.AxiStream} as bundles seen from the master. Every component is
 * lint-clean under {@code verilator -Wall}; the module README lists them with parameters and
 * latency.
 */
package org.jdpu.hdl.lib;
