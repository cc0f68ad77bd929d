#!/usr/bin/env bash
# Builds the release binary and the site (target/site) as `cargo leptos build --release
# --precompress` does, with the same flags, settings and target folders, but without
# cargo-leptos itself, whose install alone took 15 minutes on a fresh 2-core machine
# (BENCHMARKS.md, "A newcomer's first page"). `make watch` still uses cargo-leptos.
#
#   - the wasm (`frontend`, profile wasm-release), the server (`server`, release) and, when
#     missing, wasm-bindgen-cli are compiled at once, in their own target folders (`front/`
#     as cargo-leptos has it), so that the two cores stay busy to the end (each build alone
#     has long one-threaded stretches);
#   - wasm-opt (npm `binaryen`), the JavaScript minifier (npm `esbuild`) and the CSS
#     bundler and minifier (npm `lightningcss-cli`, the library cargo-leptos embeds) are
#     npm packages, which install in seconds;
#   - every file of the site gets a brotli and a `gzip -9` copy, which the server sends as
#     they are.
#
# `scripts/build.sh bench` builds only the benchmark tool, with the same settings, so that it
# reuses every crate of the release build.
set -euo pipefail

cd "$(dirname "$0")/.."
target_dir=${CARGO_TARGET_DIR:-$PWD/target}
tools_dir=${TOOLS_DIR:-$HOME/.cache/jatinan-tools}
export PATH="$tools_dir/node_modules/.bin:$HOME/.cargo/bin:$PATH"

# What cargo-leptos passes to both compilations ([workspace.metadata.leptos] in Cargo.toml;
# `always-erase-components` is the cfg).
export LEPTOS_OUTPUT_NAME=jatinan LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg \
	LEPTOS_SITE_ADDR=127.0.0.1:3000 LEPTOS_RELOAD_PORT=3001 LEPTOS_LIB_DIR=frontend \
	LEPTOS_BIN_DIR=server LEPTOS_JS_MINIFY=true LEPTOS_HASH_FILES=false \
	RUSTFLAGS="--cfg erase_components"

server() {
	cargo build --locked --release --package=server --no-default-features --target-dir="$target_dir" "$@"
}

if [[ ${1:-} == bench ]]; then
	server --bin=bench
	exit
fi

wasm_bindgen_version=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/"/, "", $3); print $3; exit}' Cargo.lock)
front_dir="$target_dir/front"
site=target/site
next=target/site.next
rm -rf "$next"
mkdir -p "$next/pkg"

wasm_bindgen() {
	if ! wasm-bindgen --version 2>/dev/null | grep -q "$wasm_bindgen_version"; then
		# A build tool, never shipped: compiled for a short build (no LTO, parallel codegen,
		# light optimisation). Its own lockfile names crates newer than some registry
		# mirrors hold, so it resolves its dependencies itself.
		CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
			CARGO_PROFILE_RELEASE_OPT_LEVEL=1 RUSTFLAGS= \
			cargo install --quiet "wasm-bindgen-cli@$wasm_bindgen_version" \
			--target-dir "$tools_dir/build/wasm-bindgen"
		rm -rf "$tools_dir/build/wasm-bindgen"
	fi
}

wasm_bindgen &
bindgen_install=$!
cargo build --locked --package=frontend --lib --target=wasm32-unknown-unknown \
	--no-default-features --profile=wasm-release --target-dir="$front_dir" &
front_build=$!
server --bin=jatinan &
server_build=$!
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT

# The style and the assets need no compiler.
lightningcss --bundle --minify --targets defaults style/main.css -o "$next/pkg/jatinan.css"
cp -R public/. "$next/"
# The scripts every page loads (and the service worker), minified in place.
for script in app.js sw.js live.js; do
	esbuild --minify --log-level=warning "public/$script" --outfile="$next/$script" --allow-overwrite
done

wait "$bindgen_install"
wait "$front_build"
wasm-bindgen --target=web --no-typescript --out-name=jatinan --out-dir="$next/pkg" \
	"$front_dir/wasm32-unknown-unknown/wasm-release/frontend.wasm"
mv "$next/pkg/jatinan_bg.wasm" "$next/pkg/jatinan.wasm"
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
	"$next/pkg/jatinan.wasm" -o "$next/pkg/jatinan.wasm"
esbuild --minify --format=esm --log-level=warning "$next/pkg/jatinan.js" \
	--outfile="$next/pkg/jatinan.min.js"
mv "$next/pkg/jatinan.min.js" "$next/pkg/jatinan.js"
wait "$server_build"

# `gzip -9` compresses 1.5 % better than zlib's level 9; Node.js has brotli built in.
find "$next" -type f -exec gzip -9 -k -f {} +
find "$next" -type f ! -name '*.gz' -exec node -e '
	const fs = require("fs"), zlib = require("zlib");
	for (const file of process.argv.slice(1)) {
		fs.writeFileSync(file + ".br", zlib.brotliCompressSync(fs.readFileSync(file)));
	}' {} +

rm -rf "$site"
mv "$next" "$site"
