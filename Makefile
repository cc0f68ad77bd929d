# Minggon Jatinan. `make run` and `make test` set up whatever is missing (each tool is
# checked first and installed once), so a fresh Debian machine with Rust (rustup) and Node
# needs nothing else.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

CARGO_LEPTOS_VERSION := 0.3.10
BINARYEN_VERSION := 132.0.0
# wasm-bindgen-cli must equal the wasm-bindgen of Cargo.lock.
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ {getline; gsub(/"/, "", $$3); print $$3; exit}' Cargo.lock)

# Tools from npm (wasm-opt) live outside the clone so that every checkout reuses them.
TOOLS_DIR ?= $(HOME)/.cache/jatinan-tools
export PATH := $(TOOLS_DIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
# Incremental caches of this workspace grow by gigabytes per build; full builds are reused
# through the target folder instead.
export CARGO_INCREMENTAL ?= 0
TARGET_DIR := $(or $(CARGO_TARGET_DIR),$(CURDIR)/target)
BIN := $(TARGET_DIR)/release/jatinan

.PHONY: help tools run build watch test test-future lint fmt unit e2e e2e-deps clean-data bench bench-deps bench-queries bench-live

help:
	@echo "make run    build, migrate, seed demo data on an empty database, serve http://127.0.0.1:3000"
	@echo "make test   lint, unit and integration tests (SQLite and PostgreSQL), browser tests"
	@echo "make test-future  the Rust tests with the clock a year ahead (faketime): no test depends on the day"
	@echo "make build  release binary and site (target/site)"
	@echo "make watch  development server that rebuilds and reloads on change"
	@echo "make fmt    format the code"
	@echo "make bench  seed a large database and measure pages, queries, weight and mail (BENCHMARKS.md)"
	@echo "make bench-queries  the pages' SQL statements and plans at 1,000,000 issues (BENCHMARKS.md)"
	@echo "make bench-live  2,000 viewers of a live session: time to each and memory per viewer (BENCHMARKS.md)"

## Tools ---------------------------------------------------------------------------------

# cargo-leptos and wasm-bindgen-cli are build tools, never shipped, so they are compiled
# for a short build rather than a fast binary: no link-time optimisation, parallel codegen
# units and light optimisation (cargo-leptos' own release profile asks for fat LTO in one
# unit), against Debian's OpenSSL when its headers are installed instead of compiling
# OpenSSL, and both at once (two cores) beside npm's download of wasm-opt. cargo-leptos
# downloads nothing itself (`no_downloads`): wasm-bindgen and wasm-opt come from here.
# wasm-bindgen-cli's own lockfile names crates newer than some registry mirrors hold, so it
# resolves its dependencies itself.
# BENCHMARKS.md ("A newcomer's first page") has the minutes before and after.
TOOL_BUILD := CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_PROFILE_RELEASE_OPT_LEVEL=1
tools:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@ssl=; if pkg-config --exists openssl 2>/dev/null; then ssl=OPENSSL_NO_VENDOR=1; fi; pids=(); \
	if ! cargo leptos --version 2>/dev/null | grep -q "$(CARGO_LEPTOS_VERSION)"; then \
		env $(TOOL_BUILD) $$ssl cargo install cargo-leptos@$(CARGO_LEPTOS_VERSION) --locked --features no_downloads \
			--target-dir "$(TOOLS_DIR)/build/cargo-leptos" & pids+=($$!); fi; \
	if ! wasm-bindgen --version 2>/dev/null | grep -q "$(WASM_BINDGEN_VERSION)"; then \
		env $(TOOL_BUILD) cargo install wasm-bindgen-cli@$(WASM_BINDGEN_VERSION) \
			--target-dir "$(TOOLS_DIR)/build/wasm-bindgen" & pids+=($$!); fi; \
	if [ ! -x "$(TOOLS_DIR)/node_modules/.bin/wasm-opt" ]; then \
		npm install --prefix "$(TOOLS_DIR)" --no-save --no-audit --no-fund binaryen@$(BINARYEN_VERSION) & pids+=($$!); fi; \
	for pid in "$${pids[@]}"; do wait "$$pid"; done; rm -rf "$(TOOLS_DIR)/build"

## Build and run -------------------------------------------------------------------------

# Rebuilds only when a source is newer than the last build, so a second `make run` starts
# in seconds. `--precompress` writes a brotli and a gzip copy of every file of the site,
# which the server sends as they are (no compression per request); the gzip copies are
# made again with `gzip -9`, which is 20 % smaller than cargo-leptos' own.
STAMP := target/site/.built
# The stamp takes the time the build started (cargo-leptos empties target/site, so it waits
# outside), so that a file saved during a build is built by the next one.
build: tools
	@if [ -x "$(BIN)" ] && [ -f "$(STAMP)" ] && [ -z "$$(find app server frontend migrations style public \
			Cargo.toml Cargo.lock -type f -newer "$(STAMP)" | head -n 1)" ]; then \
		echo "build is up to date"; \
	else \
		mkdir -p target && touch target/.build-started \
			&& LEPTOS_BIN_TARGET_DIR="$(TARGET_DIR)" cargo leptos build --release --precompress \
			&& find target/site -type f ! -name '*.gz' ! -name '*.br' -exec gzip -9 -k -f {} + \
			&& mv target/.build-started "$(STAMP)"; \
	fi

run: build
	mkdir -p data
	SEED_DEMO=true LEPTOS_SITE_ROOT=target/site "$(BIN)" serve

# Development: rebuild and reload on every change (debug build, same SQLite default).
watch: tools
	SEED_DEMO=true LEPTOS_BIN_TARGET_DIR="$(TARGET_DIR)" cargo leptos watch

## Benchmarks -------------------------------------------------------------------------

# wrk from Debian (the HTTP load); psql for a PostgreSQL run.
bench-deps:
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; } \
		|| { sudo apt-get update -qq && sudo apt-get install -y -qq wrk; }

# The benchmark tool is a binary of the server package (not an example, whose
# dev-dependencies would change the features of shared crates), built as `cargo leptos
# build --release` builds the server (the same flags and settings), so that it reuses every
# crate of `make build` instead of compiling the workspace a second time.
LEPTOS_SERVER_ENV := RUSTFLAGS="--cfg erase_components" LEPTOS_OUTPUT_NAME=jatinan LEPTOS_SITE_ROOT=target/site \
	LEPTOS_SITE_PKG_DIR=pkg LEPTOS_SITE_ADDR=127.0.0.1:3000 LEPTOS_RELOAD_PORT=3001 LEPTOS_LIB_DIR=frontend \
	LEPTOS_BIN_DIR=server LEPTOS_JS_MINIFY=true LEPTOS_HASH_FILES=false
BENCH_TOOL := $(LEPTOS_SERVER_ENV) cargo build --release --locked -p server --bin bench --target-dir "$(TARGET_DIR)"

# SQLite by default; DATABASE_URL=postgres://.../jatinan_bench for PostgreSQL (recreated).
bench: build bench-deps
	$(BENCH_TOOL)
	./bench/run.sh

# The pages' statements and plans at 1,000,000 issues (no HTTP load; no site build needed).
bench-queries:
	$(BENCH_TOOL)
	./bench/run.sh queries

# The live hour alone: 2,000 viewers of one session on a small database (BENCHMARKS.md).
bench-live: build
	$(BENCH_TOOL)
	./bench/run.sh live

## Quality -------------------------------------------------------------------------------

fmt:
	cargo fmt --all

lint: tools
	cargo fmt --all -- --check
	cargo clippy -p app -p server -p migrations --all-targets --locked -- -D warnings
	cargo clippy -p frontend --target wasm32-unknown-unknown --locked -- -D warnings
	python3 scripts/structure.py
	@# The browser bundle must not contain the database or mail stack.
	@for crate in sea-orm sqlx lettre; do \
		if cargo tree -p frontend --target wasm32-unknown-unknown -e normal -i $$crate >/dev/null 2>&1; then \
			echo "error: $$crate reached the wasm bundle"; exit 1; fi; done

unit:
	cargo test -p app --features ssr --locked
	cargo test -p migrations -p server --locked

e2e-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
		else echo "Debian's chromium is missing: run 'sudo apt-get install chromium' once"; exit 1; fi; fi
	@[ -d end2end/node_modules/@playwright/test ] || (cd end2end && npm ci --no-audit --no-fund)

e2e: build e2e-deps
	cd end2end && JATINAN_BIN="$(BIN)" npx playwright test

test: lint unit e2e

# The same Rust tests with the machine's clock a year ahead (FAKETIME_OFFSET=+730d for two).
test-future:
	./scripts/test-future.sh

clean-data:
	rm -rf data
