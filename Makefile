# Thin wrapper around CMake.  `make run` and `make test` are the README's
# first two commands: each installs what is missing, builds and runs.
BUILD      ?= build
TEST_BUILD ?= build-test
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
RUN_ARGS   ?= --window

.PHONY: all release run test bench setup clean

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

test:
	@scripts/setup.sh test
	@cmake -S . -B $(TEST_BUILD) -DCMAKE_BUILD_TYPE=Debug -DMADOGUCHI_SANITIZE=ON >/dev/null
	@cmake --build $(TEST_BUILD) -j $(JOBS)
	@tests/marp/setup.sh $(TEST_BUILD)/marp
	@cd $(TEST_BUILD) && ctest --output-on-failure -j $(JOBS)

bench: release
	@tests/bench/run.sh $(BUILD)

clean:
	rm -rf $(BUILD) $(TEST_BUILD)
