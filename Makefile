# Thin wrapper around CMake.  `make run` and `make test` are the README's
# first two commands: each installs what is missing, builds and runs.
BUILD      ?= build
TEST_BUILD ?= build-test
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
RUN_ARGS   ?= --window

FUZZ_BUILD ?= build-fuzz
FUZZ_TIME  ?= 60
FUZZERS    ?= doc deck epub opf xhtml ini pic seal sync

.PHONY: all release run test bench fuzz setup clean arm64

all: release

setup:
	@scripts/setup.sh build

release: setup
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

# Start the app on the bundled content in a window when a display is there;
# without one, render the home screen to a PNG so the build is still proven.
run: release
	@if [ -n "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ]; then \
	  ./$(BUILD)/madoguchi $(RUN_ARGS); \
	else \
	  echo "run: no display found; rendering the home screen to $(BUILD)/home.png instead"; \
	  ./$(BUILD)/madoguchi screenshot home --size 1280x720 -o $(BUILD)/home.png; \
	fi

# The arm64 cross build, and the core and screen tests under qemu-user
# (opt-in, not part of test: about 3 minutes; README "arm64").  The build
# folder is ARM64_BUILD, outside the source tree.
ARM64_BUILD ?= /tmp/madoguchi-arm64
arm64:
	@scripts/setup.sh arm64
	@MG_ARM64_BUILD=$(ARM64_BUILD) JOBS=$(JOBS) scripts/cross-arm64.sh all

test:
	@scripts/setup.sh test
	@cmake -S . -B $(TEST_BUILD) -DCMAKE_BUILD_TYPE=Debug -DMADOGUCHI_SANITIZE=ON >/dev/null
	@cmake --build $(TEST_BUILD) -j $(JOBS)
	@tests/marp/setup.sh $(TEST_BUILD)/marp
	@cd $(TEST_BUILD) && ctest --output-on-failure -j $(JOBS)

# Each libFuzzer target (tests/fuzz/) for FUZZ_TIME seconds, starting from
# its seed corpus; new inputs go to $(FUZZ_BUILD)/corpus/NAME, crashes to
# $(FUZZ_BUILD)/findings/NAME/ (add each to tests/fuzz/corpus/NAME once
# fixed: test_fuzz replays the corpora in `make test`).
fuzz:
	@scripts/setup.sh fuzz
	@cmake -S . -B $(FUZZ_BUILD) -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug -DMADOGUCHI_FUZZ=ON >/dev/null
	@cmake --build $(FUZZ_BUILD) -j $(JOBS) --target $(addprefix fuzz_,$(FUZZERS))
	@for t in $(FUZZERS); do \
	  seeds=tests/fuzz/corpus/$$t; [ $$t = doc ] && seeds=tests/data/doc; [ -d $$seeds ] || seeds=; \
	  mkdir -p $(FUZZ_BUILD)/corpus/$$t $(FUZZ_BUILD)/findings/$$t; \
	  echo "fuzz_$$t: $(FUZZ_TIME) s on $${seeds:-no seeds}"; \
	  ASAN_OPTIONS=detect_leaks=1 $(FUZZ_BUILD)/tests/fuzz/fuzz_$$t -max_total_time=$(FUZZ_TIME) \
	    -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
	    -artifact_prefix=$(FUZZ_BUILD)/findings/$$t/ $(FUZZ_BUILD)/corpus/$$t $$seeds \
	    2>$(FUZZ_BUILD)/fuzz_$$t.log || { tail -40 $(FUZZ_BUILD)/fuzz_$$t.log; exit 1; }; \
	  grep -E '^stat::number_of_executed_units|^stat::new_units_added' $(FUZZ_BUILD)/fuzz_$$t.log; \
	done

bench: release
	@tests/bench/run.sh $(BUILD)

clean:
	rm -rf $(BUILD) $(TEST_BUILD)
