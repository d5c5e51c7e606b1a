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

# Maven's jansi writes an attribute reset (ESC[0m) to stdout and stderr at start-up, even in batch
# mode with -Dstyle.color=never; jansi.noreset stops it. It has to be a JVM property (MAVEN_OPTS):
# jansi is installed before Maven reads its command line.
export MAVEN_OPTS += -Djansi.noreset=true

MVN  := mvn -B -ntp -Dstyle.color=never
DPU  := bin/dpu

.PHONY: help deps deps-synth deps-iverilog deps-chromium dse-fit build test demo demo-convs bench clean conformance cosim regress dse verilog lint synth synth-all export \
        cosim-args conformance-args conformance-rtl regress-big cosim-customnet regress-merge regress-merge-args tflite-models \
        zoo-golden accuracy retrain cosim-zoo cosim-zoo-args

# A target that needs variables checks them before the build it depends on, so a forgotten one fails
# at once instead of after a Maven build: build depends on the checks of the goals given.
ARG_CHECKS := $(filter cosim-args cosim-zoo-args conformance-args regress-merge-args,$(addsuffix -args,$(MAKECMDGOALS)))

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 18

deps: ## check for (and as root, apt-install) verilator, g++, make, zlib1g-dev, maven, dataset-fashion-mnist
	@bin/ensure-deps mvn verilator g++ make zlib fashion-mnist

deps-synth: deps ## also yosys (synthesis reports) and tclsh (export script checks)
	@bin/ensure-deps yosys tclsh

deps-iverilog: deps ## also iverilog, for the second-simulator testbench
	@bin/ensure-deps iverilog

deps-chromium: deps ## also chromium, whose headless mode renders the dse report in its test
	@bin/ensure-deps chromium

build: $(ARG_CHECKS) deps ## compile and package without running tests
	$(MVN) -q -DskipTests package

# The third-party models (read in place, never copied here); make test includes their tests when found.
MODELS ?= ../shared/models
HAVE_MODELS := $(wildcard $(MODELS)/tflite-micro)

test: deps deps-synth deps-iverilog deps-chromium ## the CI suite (what .ci/run runs); includes the third-party model tests when MODELS (default ../shared/models) holds tflite-micro/
	@echo "make test: $(if $(HAVE_MODELS),third-party model tests on $(abspath $(MODELS)),no $(MODELS)/tflite-micro: the third-party model tests are left out (make tflite-models MODELS=... runs them))"
	$(if $(HAVE_MODELS),JDPU_MODELS="$(abspath $(MODELS))") $(MVN) verify $(if $(HAVE_MODELS),-Djdpu.excludedGroups=)

demo: build ## the main job: the trained Fashion-MNIST CustomNet imported, quantized, its INT8 top-1 (golden), test images on the network engine with every layer checked, per-layer table: [ARCH=B512] [IMAGES=5] [TEST_IMAGES=1000] [OUT=DIR]
	$(DPU) demo $(if $(ARCH),--arch $(ARCH)) $(if $(IMAGES),--images $(IMAGES)) $(if $(TEST_IMAGES),--test-images $(TEST_IMAGES)) $(if $(OUT),--out $(OUT))

demo-convs: build ## the seed CustomNet's convolutions (random weights, 224x224) through the network engine, checked, with cycles and frames/s: [ARCH=B512] [SIZE=224] [SEED=1] [OUT=DIR]
	$(DPU) demo-convs $(if $(ARCH),--arch $(ARCH)) $(if $(SIZE),--size $(SIZE)) $(if $(SEED),--seed $(SEED)) $(if $(OUT),--out $(OUT))

bench: build ## benchmarks; prints BENCH <name> <value> <unit> lines
	$(DPU) bench

# The trained Fashion-MNIST models (testbench/models/*.onnx, made by train_fashion.py).
ACCURACY_MODELS := $(wildcard testbench/models/*.onnx)
RTL_IMAGES ?= 10
accuracy: build ## top-1 of the committed Fashion-MNIST models: float (ONNX Runtime), INT8 (golden, 10,000 images), engine (first RTL_IMAGES=10 on ARCH=B512), frames/s by the cycle model
	@set -eo pipefail; log=target/accuracy.log; mkdir -p target; : > $$log; \
	for m in $(ACCURACY_MODELS); do \
	  $(DPU) accuracy --model $$m --dataset fashion-mnist --rtl-images $(RTL_IMAGES) --arch $(or $(ARCH),B512) \
	    --cycle-model B512,B4096 | tee -a $$log; \
	done; echo; bin/accuracy-table $$log

retrain: ## retrain the Fashion-MNIST models with Debian's python3-torch (CPU, a few minutes; not in make test) [EPOCHS=3]
	@/usr/bin/python3 -c 'import torch' 2>/dev/null || { echo "make retrain: needs /usr/bin/python3 with torch: apt-get install -y python3-torch" >&2; exit 2; }
	/usr/bin/python3 testbench/models/train_fashion.py --epochs $(or $(EPOCHS),3) --out testbench/models

conformance: conformance-args build ## golden model vs external conv cases: make conformance CONFORMANCE_DIR=<folder of case folders>
	$(DPU) conformance --dir "$(CONFORMANCE_DIR)"

conformance-rtl: build ## every external conv case through the Verilated engine: make conformance-rtl [CONFORMANCE_DIR=../shared/conformance/extconv] [ARCH=B512+tflite]
	$(DPU) conformance --dir "$(or $(CONFORMANCE_DIR),../shared/conformance/extconv)" --arch "$(or $(ARCH),B512+tflite)"

conformance-args:
	@test -n "$(CONFORMANCE_DIR)" || { echo "make conformance: set CONFORMANCE_DIR to a folder of case folders (each with case.json)" >&2; exit 2; }

# FPGA flow (testbench/src/main/java/org/jdpu/flow): ARCH is a preset (B512..B4096) or PPxICPxOCP.
PRESETS    := B512 B800 B1024 B1152 B1600 B2304 B3136 B4096
PART       ?= xczu9eg-ffvb1156-2-e
CLOCK_MHZ  ?= 300
SYNTH_DIR  ?= target/synth
EXPORT_DIR ?= export
need-arch   = @test -n "$(ARCH)" || { echo "make $@: set ARCH to a preset ($(PRESETS)) or PPxICPxOCP, e.g. make $@ ARCH=B512" >&2; exit 2; }

zoo-golden: deps ## the model zoo (ResNet-50, MobileNetV2, YOLOv3-tiny, CustomNet) end to end through the golden model at their published sizes, every layer's spread checked (long; not in CI)
	$(MVN) -q -pl testbench/nn -am test -Dtest=ModelZooTest -Djdpu.zoo.full=true -Dsurefire.failIfNoSpecifiedTests=false

tflite-models: deps ## [MODELS=../shared/models]: import every TFLite model in MODELS/tflite-micro, person_detect on its two images and hello_world on its test inputs through the golden model
	@test -d "$(MODELS)/tflite-micro" || { echo "make tflite-models: no $(MODELS)/tflite-micro; set MODELS to the folder that holds tflite-micro/" >&2; exit 2; }
	JDPU_MODELS="$(abspath $(MODELS))" $(MVN) -q -pl testbench/importer,testbench/cli -am test -Djdpu.excludedGroups= \
		-Dgroups=third-party-models -Dsurefire.failIfNoSpecifiedTests=false

verilog: deps ## ARCH=<a>: write generated/<ARCH>/ (Verilog, filelist.f, README.md); no ARCH: all presets
	@set -e; for a in $(or $(ARCH),$(PRESETS)); do $(DPU) generate --arch $$a --out generated/$$a; done

lint: deps ## verilator --lint-only -Wall on every preset (or ARCH=<a>); any warning fails
	$(DPU) lint $(if $(ARCH),--arch $(ARCH),--all)

synth: deps-synth ## ARCH=<a> [URAM=1]: Yosys synth_xilinx -family xcup: LUT/FF/DSP/BRAM36/URAM, logic levels, JSON
	$(need-arch)
	$(DPU) synth --arch $(ARCH) --out $(SYNTH_DIR) $(if $(URAM),--uram)

synth-all: deps-synth ## synthesize every preset (long) and print the table against PG338
	$(DPU) synth --all --out $(SYNTH_DIR)

export: deps ## ARCH=<a> [PART=..] [CLOCK_MHZ=300]: FPGA bundle in export/<ARCH>/ (network engine Verilog, XDC, Vivado Tcl and ZCU102/ZCU104 block designs, testbench on a behavioural AXI DDR)
	$(need-arch)
	$(DPU) export --arch $(ARCH) --part $(PART) --clock-mhz $(CLOCK_MHZ) --out $(EXPORT_DIR)/$(ARCH)

# The engine (dpu-rtl) through the RTL: ARCH is a preset (B512..B4096) or PPxICPxOCP.
cosim: cosim-args build ## ARCH=<a> NETWORK=N.json [INPUT=x.npy OUT=DIR STRESS=seed DDR_LATENCY=40 WAVE=w.fst] | ARCH=<a> LAYER=L.json [INPUT=x.npy WEIGHTS=w.npy [BIAS=b.npy]] [OUT=y.npy] [WAVE=w.fst] [SEED=1] [CORE=1 [NO_AUGMENT=1]]: a network from one START, or one layer (as a one-layer network, or with CORE=1 through the core's debug port), vs golden
ifneq ($(NETWORK),)
	$(DPU) cosim --arch $(ARCH) --network $(NETWORK) $(if $(INPUT),--input $(INPUT)) $(if $(OUT),--out $(OUT)) $(if $(STRESS),--stress $(STRESS)) $(if $(DDR_LATENCY),--ddr-latency $(DDR_LATENCY)) $(if $(WAVE),--wave $(WAVE)) $(if $(SEED),--seed $(SEED))
else
	$(DPU) cosim --arch $(ARCH) --layer $(LAYER) $(if $(or $(CORE),$(NO_AUGMENT)),--core) $(if $(INPUT),--input $(INPUT)) $(if $(WEIGHTS),--weights $(WEIGHTS)) $(if $(BIAS),--bias $(BIAS)) $(if $(OUT),--out $(OUT)) $(if $(WAVE),--wave $(WAVE)) $(if $(SEED),--seed $(SEED)) $(if $(NO_AUGMENT),--no-augment)
endif

cosim-args:
	@test -n "$(ARCH)" -a -n "$(LAYER)$(NETWORK)" || { echo "make cosim: set ARCH (a preset or PPxICPxOCP) and NETWORK (a network .json) or LAYER (a conv2d layer .json)" >&2; exit 2; }

# The seed CustomNet's convolutions (or with FULL=1 the whole network), one chain from one START (written by dpu example into target/).
CUSTOMNET = $(if $(FULL),customnet,customnet-convs)
cosim-customnet: build ## [ARCH=B512] [SIZE=224] [STRESS=seed] [FULL=1]: the seed CustomNet's three 5x5 convolutions (FULL=1: the whole network with its pools and dense head) through the network engine from one START
	$(DPU) example $(CUSTOMNET) --out target/$(CUSTOMNET) --size $(or $(SIZE),224)
	$(DPU) cosim --arch $(or $(ARCH),B512) --network target/$(CUSTOMNET)/network.json --input target/$(CUSTOMNET)/input.npy $(if $(STRESS),--stress $(STRESS))

cosim-zoo: cosim-zoo-args build ## NET=mobilenetv2|resnet50|yolov3-tiny [ARCH=B4096] [SIZE=N] [STRESS=seed]: a model zoo network whole through the network engine's RTL from one START, every layer checked bit-exact against golden and ISS, cycles against the model (long; not in CI)
	$(DPU) example $(NET) --out target/zoo-$(NET) $(if $(SIZE),--size $(SIZE))
	$(DPU) cosim --arch $(or $(ARCH),B4096) --network target/zoo-$(NET)/network.json --input target/zoo-$(NET)/input.npy $(if $(STRESS),--stress $(STRESS))

cosim-zoo-args:
	@test -n "$(NET)" || { echo "make cosim-zoo: set NET (mobilenetv2, resnet50 or yolov3-tiny)" >&2; exit 2; }

regress: build ## constrained-random layers and networks x every preset through the RTL, seeds printed (long; not in CI): [ARCH=a,b] [LAYERS=50] [NETWORKS=10] [SEED=1] [SHARD=K/N] [JUNIT=j.xml] [SUMMARY=s.json]
	$(DPU) regress $(if $(ARCH),--arch $(ARCH)) --layers $(or $(LAYERS),50) --networks $(or $(NETWORKS),10) --seed $(or $(SEED),1) $(if $(SHARD),--shard $(SHARD)) $(if $(JUNIT),--junit $(JUNIT)) $(if $(SUMMARY),--summary $(SUMMARY))

regress-merge: regress-merge-args build ## SUMMARIES="s1.json s2.json ..." [JUNIT=j.xml] [SUMMARY=s.json]: check the shards' summaries are disjoint and complete, combine them
	$(DPU) regress --merge $(SUMMARIES) $(if $(JUNIT),--junit $(JUNIT)) $(if $(SUMMARY),--summary $(SUMMARY))

regress-merge-args:
	@test -n "$(SUMMARIES)" || { echo "make regress-merge: set SUMMARIES to the summary files of every shard (make regress SHARD=K/N SUMMARY=..)" >&2; exit 2; }

# The large first layers under a heap cap: the driver streams each run's loads, so they fit.
regress-big: build ## 2048x2048x3->32 5x5 on B512 under -Xmx1g, 4096x4096x3->32 under -Xmx2g, through the RTL (long; not in CI)
	@set -e; for job in 1g:2048 2g:4096; do \
	  heap=$${job%%:*}; n=$${job##*:}; \
	  echo "regress-big: $${n}x$${n}x3 -> 32, 5x5 on B512 with -Xmx$$heap" >&2; \
	  TIMEFORMAT="regress-big: $${n}x$${n}x3 -> 32 took %R s"; \
	  time JDPU_JAVA_OPTS="-Xmx$$heap" $(DPU) cosim --core --arch B512 --layer testbench/examples/big/conv$${n}x$${n}x3_32_5x5.json --seed 1; \
	done

dse: build ## design-space exploration on the cycle models: NETWORK=N.json [DEVICE=zu7ev] [REPORT=DIR] [SHARD=K/N | MERGE="s1/dse.csv s2/dse.csv .."], or of layers: [LAYER="a.json b.json ..."] [NO_AUGMENT=1]; [MAX_MACS=2048]
ifneq ($(NETWORK),)
	$(DPU) dse --network $(NETWORK) --max-macs $(or $(MAX_MACS),2048) $(if $(DEVICE),--device $(DEVICE)) $(if $(REPORT),--report $(REPORT)) $(if $(SHARD),--shard $(SHARD)) $(if $(MERGE),--merge $(MERGE))
else
	$(DPU) dse $(foreach l,$(LAYER),--layer $(l)) --max-macs $(or $(MAX_MACS),2048) $(if $(NO_AUGMENT),--no-augment)
endif

# The resource model's sample: configurations synthesized afresh (dpu_top, 3-30 minutes each on the
# 2-core machine), every third one held out of the fit. The +tflite syntheses end with a mapping
# problem (the 6-bit shift banks go to distributed RAM) but their counts are real, so they are kept.
DSE_FIT_ARCHS ?= 1x2x2 2x2x2 2x4x2 2x2x4 4x2x2 2x4x4 4x4x4 2x8x4 1x8x8 4x4x8 2x8x8 4x8x8 8x8x8 4x16x16 4x4x4:act=4096,wgt=2048,out=4096 2x2x2+pack 4x4x4+pack 2x4x4+dsp2x 4x4x4+dsp2x 2x4x4+pack+dsp2x 2x2x2+tflite 2x4x2+tflite 4x4x4+tflite
dse-fit: deps-synth build ## [DSE_FIT_ARCHS="1x2x2 2x4x2 ..."]: synthesize the sample with Yosys and rewrite the dse resource model's synth-samples.csv (long)
	@for a in $(DSE_FIT_ARCHS); do $(DPU) synth --arch $$a --out target/dse-fit \
	  || echo "dse-fit: $$a: synth failed (see above); the sample takes its synth.json if one was written"; done
	$(DPU) dse --collect-samples target/dse-fit --samples-out testbench/cli/src/main/resources/org/jdpu/dse/synth-samples.csv

clean: ## remove build output (the model cache is kept; see README)
	$(MVN) -q clean
