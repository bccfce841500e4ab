# Kashlink — the two commands of the README's quick start:
#   make demo   installs what is missing, builds, creates var/demo.sqlite if absent, serves :8080
#   make test   installs what is missing, builds, and runs every test (unit, SQLite, PostgreSQL, HTTP, browser)
#   make soak   the crash soak: kill -9 and power-cut cycles under load (long; README "Crash soak")
SHELL := /bin/bash
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc)
PORT ?= 8080

.PHONY: demo test deps web build unit-tests e2e bench soak clean

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

clean:
	rm -rf $(BUILD_DIR)
