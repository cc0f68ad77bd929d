# Minggon Jatinan. `make run` and `make test` set up whatever is missing (each tool is
# checked first and installed once), so a fresh Debian machine with Rust (rustup) and Node
# needs nothing else.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

CARGO_LEPTOS_VERSION := 0.3.10
BINARYEN_VERSION := 132.0.0
ESBUILD_VERSION := 0.28.2
LIGHTNINGCSS_VERSION := 1.33.0
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

.PHONY: help tools leptos-tool run build watch test test-future lint fmt unit e2e e2e-deps clean-data bench bench-deps bench-queries bench-live

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

# The build needs the wasm target and three npm packages: wasm-opt (`binaryen`), the
# JavaScript minifier (`esbuild`) and the CSS bundler (`lightningcss-cli`), each a download
# of seconds. wasm-bindgen-cli is compiled by scripts/build.sh beside the first build.
# cargo-leptos is needed only by `make watch`, which installs it on first use (15 minutes on
# two cores); BENCHMARKS.md ("A newcomer's first page") has the minutes before and after.
NPM_TOOLS := binaryen@$(BINARYEN_VERSION) esbuild@$(ESBUILD_VERSION) lightningcss-cli@$(LIGHTNINGCSS_VERSION)
tools:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@[ "$$(cat "$(TOOLS_DIR)/npm-tools" 2>/dev/null)" = "$(NPM_TOOLS)" ] || { \
		npm install --prefix "$(TOOLS_DIR)" --no-save --no-audit --no-fund $(NPM_TOOLS) \
		&& echo "$(NPM_TOOLS)" > "$(TOOLS_DIR)/npm-tools"; }

# cargo-leptos for `make watch`: a build tool, never shipped, so compiled for a short build
# (no link-time optimisation, parallel codegen units, light optimisation; its own release
# profile asks for fat LTO in one unit), against Debian's OpenSSL when its headers are
# installed, and without downloads of its own (`no_downloads`: wasm-bindgen and wasm-opt
# come from here).
TOOL_BUILD := CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_PROFILE_RELEASE_OPT_LEVEL=1
leptos-tool: tools
	@ssl=; if pkg-config --exists openssl 2>/dev/null; then ssl=OPENSSL_NO_VENDOR=1; fi; \
	if ! cargo leptos --version 2>/dev/null | grep -q "$(CARGO_LEPTOS_VERSION)"; then \
		env $(TOOL_BUILD) $$ssl cargo install cargo-leptos@$(CARGO_LEPTOS_VERSION) --locked --features no_downloads \
			--target-dir "$(TOOLS_DIR)/build/cargo-leptos" && rm -rf "$(TOOLS_DIR)/build/cargo-leptos"; fi; \
	if ! wasm-bindgen --version 2>/dev/null | grep -q "$(WASM_BINDGEN_VERSION)"; then \
		env $(TOOL_BUILD) cargo install wasm-bindgen-cli@$(WASM_BINDGEN_VERSION) \
			--target-dir "$(TOOLS_DIR)/build/wasm-bindgen" && rm -rf "$(TOOLS_DIR)/build/wasm-bindgen"; fi

## Build and run -------------------------------------------------------------------------

# Rebuilds only when a source is newer than the last build, so a second `make run` starts
# in seconds. scripts/build.sh compiles the wasm and the server at once and writes a brotli
# and a gzip copy of every file of the site, which the server sends as they are (no
# compression per request).
STAMP := target/site/.built
# The stamp takes the time the build started (the build replaces target/site, so it waits
# outside), so that a file saved during a build is built by the next one.
build: tools
	@if [ -x "$(BIN)" ] && [ -f "$(STAMP)" ] && [ -z "$$(find app server frontend migrations style public \
			Cargo.toml Cargo.lock -type f -newer "$(STAMP)" | head -n 1)" ]; then \
		echo "build is up to date"; \
	else \
		mkdir -p target && touch target/.build-started \
			&& TOOLS_DIR="$(TOOLS_DIR)" scripts/build.sh \
			&& mv target/.build-started "$(STAMP)"; \
	fi

run: build
	mkdir -p data
	SEED_DEMO=true LEPTOS_SITE_ROOT=target/site "$(BIN)" serve

# Development: rebuild and reload on every change (debug build, same SQLite default).
watch: leptos-tool
	SEED_DEMO=true LEPTOS_BIN_TARGET_DIR="$(TARGET_DIR)" cargo leptos watch

## Benchmarks -------------------------------------------------------------------------

# wrk from Debian (the HTTP load); psql for a PostgreSQL run.
bench-deps:
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; } \
		|| { sudo apt-get update -qq && sudo apt-get install -y -qq wrk; }

# The benchmark tool is a binary of the server package (not an example, whose
# dev-dependencies would change the features of shared crates), built with the settings of
# the release build, so that it reuses every crate of `make build` instead of compiling the
# workspace a second time.
BENCH_TOOL := TOOLS_DIR="$(TOOLS_DIR)" scripts/build.sh bench

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
	@# The Nu HTML Checker (npm vnu-jar) runs on Java.
	@if ! command -v java >/dev/null; then \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq default-jre-headless; \
		else echo "Java is missing: run 'sudo apt-get install default-jre-headless' once"; exit 1; fi; fi
	@[ end2end/node_modules/.package-lock.json -nt end2end/package-lock.json ] || (cd end2end && npm ci --no-audit --no-fund)

# The browser tests, then the Nu HTML Checker on every page they visited.
e2e: build e2e-deps
	cd end2end && JATINAN_BIN="$(BIN)" npx playwright test && node support/vnu.mjs

test: lint unit e2e

# The same Rust tests with the machine's clock a year ahead (FAKETIME_OFFSET=+730d for two).
test-future:
	./scripts/test-future.sh

clean-data:
	rm -rf data
