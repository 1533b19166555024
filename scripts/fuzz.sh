#!/usr/bin/env bash
# Fuzzes WireFuzz (Sources/WireFuzz: the headers and bodies every request's bytes go through) with
# libFuzzer for GATEHOUSE_FUZZ_SECONDS (60), from the seeds in fuzz/corpus. It builds with
# -sanitize=fuzzer in its own scratch path (.build/fuzz), linked by lld (gold fails on libFuzzer's
# objects). A crash fails the run; its input is kept in .build/fuzz/crashes, and
# `swift run WireFuzz <file>` (a plain build) replays it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scratch=.build/fuzz
swift build --product WireFuzz --scratch-path "$scratch" -c release \
    -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library -Xswiftc -DLIBFUZZER \
    -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld
corpus=$(mktemp -d "${TMPDIR:-/tmp}/gatehouse-fuzz.XXXXXX")
trap 'rm -rf "$corpus"' EXIT
cp fuzz/corpus/* "$corpus"/
mkdir -p "$scratch/crashes"
"$scratch/release/WireFuzz" -max_total_time="${GATEHOUSE_FUZZ_SECONDS:-60}" -rss_limit_mb=2048 -max_len=8192 \
    -print_final_stats=1 -artifact_prefix="$scratch/crashes/" "$corpus"
