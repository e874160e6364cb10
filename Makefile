# Strainer — build, test, demo and benchmark entry points.
#   make demo   the main job on a fresh machine (installs the Debian packages it needs)
#   make test   the whole test suite (release build with testing enabled: numerics are slow in debug)
#   make test-kernels  the numerical and reproducibility tests again under every OpenBLAS kernel family this CPU runs
#   make fuzz   libFuzzer on each reader of untrusted input (Fuzz/), FUZZ_SECONDS each (default 600; FUZZ_TARGETS to pick);
#               the seed corpus and every crash found (Fuzz/corpus, Fuzz/regressions) are replayed by `make test`
#   make bench  speed comparisons against the PyTorch peers (Benchmarks/)
#   make fit-quality  2000-step fitting curves against the PyTorch peer on the same target (about an hour)
#   make bench-bm3d  the bm3d baseline against the reference bm3d package on Kodak crops (a few minutes)
#   make bench-priors STRAINER prior transfer against the PyTorch peer at an equal budget (about 50 minutes)
#   make prior-study  the paper's five priors on the val faces, 2000 steps (about 10 hours on 2 cores; resumable);
#               EXECUTOR=slurm hands it to Slurm: trainings, fits, report (SLURM_ARGS for --slurm-partition, …)

SWIFT        ?= swift
DEBIAN_PKGS  := libopenblas-dev libfftw3-dev libtiff-dev libpng-dev libjpeg-dev libssl-dev pkg-config
RELEASE      := -c release
TEST_FLAGS   := $(RELEASE) -Xswiftc -enable-testing
STRAINER     := .build/release/strainer
EXECUTOR     ?= local
SLURM_ARGS   ?=

.PHONY: deps build test test-kernels fuzz demo bench bench-bm3d fit-quality bench-priors prior-study clean

# Install the Debian packages only when one of them is missing; silent when all are present.
deps:
	@missing=""; for p in $(DEBIAN_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO="sudo"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

build: deps
	$(SWIFT) build $(RELEASE) --product strainer

test: deps
	$(SWIFT) test $(TEST_FLAGS)

test-kernels: deps
	SWIFT=$(SWIFT) ./Scripts/test-kernels.sh "$(TEST_FLAGS)"

fuzz: deps
	SWIFT=$(SWIFT) ./Fuzz/run.sh

demo: build
	./Scripts/demo.sh $(STRAINER)

bench: build
	./Benchmarks/run.sh $(STRAINER)
	./Benchmarks/operators.sh $(STRAINER)

bench-bm3d: build
	./Benchmarks/bm3d.sh $(STRAINER)

fit-quality: build
	./Benchmarks/fit_quality.sh $(STRAINER)

bench-priors: build
	./Benchmarks/priors.sh $(STRAINER)

prior-study: build
	EXECUTOR=$(EXECUTOR) SLURM_ARGS="$(SLURM_ARGS)" ./Benchmarks/prior_study.sh $(STRAINER)

clean:
	rm -rf .build
