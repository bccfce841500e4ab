# Kashlink — the two commands of the README's quick start:
#   make demo   installs what is missing, builds, creates var/demo.sqlite if absent, serves :8080
#   make test   installs what is missing, builds, and runs every test (unit, SQLite, PostgreSQL, HTTP, browser)
#   make soak   the crash soak: kill -9 and power-cut cycles under load (long; README "Crash soak")
#   make fuzz   builds the libFuzzer harnesses (clang, ASan+UBSan) in build-fuzz and runs each FUZZ_SECONDS
SHELL := /bin/bash
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc)
PORT ?= 8080
FUZZ_SECONDS ?= 120

.PHONY: demo test deps web build unit-tests e2e bench soak fuzz clean

demo: deps web build
	@mkdir -p var
	$(BUILD_DIR)/kashlink demo --db var/demo.sqlite --port $(PORT) --web-root web/dist

test: deps web build
	bash scripts/run-tests.sh $(BUILD_DIR)

# The C++ tests under GCC's sanitizers, each in a build directory of its own (build-asan, build-tsan;
# scripts/run-sanitizer-tests.sh configures, builds and runs). Slow, so not part of `make test`:
#   make test-asan   every C++ test (SQLite and PostgreSQL) under AddressSanitizer + UBSan
#   make test-tsan   the store's and the HTTP layer's tests under ThreadSanitizer
.PHONY: test-asan test-tsan
test-asan: deps
	JOBS=$(JOBS) bash scripts/run-sanitizer-tests.sh asan

test-tsan: deps
	JOBS=$(JOBS) bash scripts/run-sanitizer-tests.sh tsan

deps:
	@bash scripts/install-deps.sh

# The console's npm packages, then its bundle in web/dist (web/build.mjs; about a second, so always).
web:
	@cd web && if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then npm ci --no-audit --no-fund; fi
	@cd web && node build.mjs

build:
	@cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) >/dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS)

bench: deps
	@cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DKL_BUILD_BENCH=ON >/dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS)
	bash scripts/run-bench.sh $(BUILD_DIR)

# The crash soak (README "Crash soak"): kill -9 and power-cut cycles under load, SQLite and PostgreSQL.
# Long (SOAK_CYCLES, default 100 per run), so not part of `make test`.
soak: deps
	@cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) >/dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS) --target kashlink kashlink_soak
	bash scripts/soak.sh $(BUILD_DIR)

# Every harness of tests/fuzz for FUZZ_SECONDS each (scripts/run-fuzz.sh; README "Fuzzing").
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) JOBS=$(JOBS) bash scripts/run-fuzz.sh

clean:
	rm -rf $(BUILD_DIR)
