# jdpu: the user's entry point. Every target finds a JDK 22+ and installs (or names) the tools it needs.
SHELL := /bin/bash
.DEFAULT_GOAL := help

JAVA_HOME := $(shell bin/find-jdk 2>/dev/null)
ifeq ($(JAVA_HOME),)
$(error jdpu needs a JDK 22 or newer: set JAVA_HOME to one, or install one, e.g. 'apt-get install openjdk-25-jdk-headless')
endif
export JAVA_HOME
export PATH := $(JAVA_HOME)/bin:$(PATH)

# Maven's own libraries trip JDK 24+'s sun.misc.Unsafe warning; it is noise for our users.
JAVA_MAJOR := $(shell sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' $(JAVA_HOME)/release)
ifeq ($(shell [ "$(JAVA_MAJOR)" -ge 24 ] 2>/dev/null && echo y),y)
export MAVEN_OPTS += --sun-misc-unsafe-memory-access=allow
endif

MVN  := mvn -B -ntp -Dstyle.color=never
DPU  := bin/dpu

.PHONY: help deps deps-synth deps-iverilog build test demo bench clean conformance cosim regress dse

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 18

deps: ## check for (and as root, apt-install) verilator, g++, make, zlib1g-dev, maven
	@bin/ensure-deps mvn verilator g++ make zlib

deps-synth: deps ## also yosys, for synthesis reports
	@bin/ensure-deps yosys

deps-iverilog: deps ## also iverilog, for the second-simulator testbench
	@bin/ensure-deps iverilog

build: deps ## compile and package without running tests
	$(MVN) -q -DskipTests package

test: deps ## the CI suite (what .ci/run runs)
	$(MVN) verify

demo: build ## the main job: generate, verilate, simulate, report
	$(DPU) demo

bench: build ## benchmarks; prints BENCH <name> <value> <unit> lines
	$(DPU) bench

conformance: build ## golden model vs external conv cases: make conformance CONFORMANCE_DIR=<folder of case folders>
	@test -n "$(CONFORMANCE_DIR)" || { echo "make conformance: set CONFORMANCE_DIR to a folder of case folders (each with case.json)" >&2; exit 2; }
	$(DPU) conformance --dir "$(CONFORMANCE_DIR)"

# The engine (dpu-rtl) through the RTL: ARCH is a preset (B512..B4096) or PPxICPxOCP.
cosim: build ## ARCH=<a> LAYER=L.json [INPUT=x.npy WEIGHTS=w.npy [BIAS=b.npy]] [OUT=y.npy] [WAVE=w.fst] [SEED=1]: one layer vs golden
	@test -n "$(ARCH)" -a -n "$(LAYER)" || { echo "make cosim: set ARCH (a preset or PPxICPxOCP) and LAYER (a conv2d layer .json)" >&2; exit 2; }
	$(DPU) cosim --arch $(ARCH) --layer $(LAYER) $(if $(INPUT),--input $(INPUT)) $(if $(WEIGHTS),--weights $(WEIGHTS)) $(if $(BIAS),--bias $(BIAS)) $(if $(OUT),--out $(OUT)) $(if $(WAVE),--wave $(WAVE)) $(if $(SEED),--seed $(SEED))

regress: build ## constrained-random layers x every preset through the RTL, seeds printed (long; not in CI): [ARCH=a,b] [LAYERS=50] [SEED=1]
	$(DPU) regress $(if $(ARCH),--arch $(ARCH)) --layers $(or $(LAYERS),50) --seed $(or $(SEED),1)

dse: build ## design-space exploration of PP x ICP x OCP on the cycle model: [LAYER=L.json] [MAX_MACS=2048]
	$(DPU) dse $(if $(LAYER),--layer $(LAYER)) --max-macs $(or $(MAX_MACS),2048)

clean: ## remove build output (the model cache is kept; see README)
	$(MVN) -q clean
