#!/usr/bin/env bash
# Builds the wire decoder's fuzz target with clang (libFuzzer, ASan, UBSan) in a folder of its own
# and fuzzes it for a bounded time, starting from the seed corpus. Fails on any crash, leak or
# broken invariant; the input that did it is left in <work>/artifacts/.
#   run_fuzz.sh <source dir> <work dir>        (CTest runs it as the test fuzz_message)
# Longer runs: CLEARWAY_FUZZ_SECONDS (default 20), CLEARWAY_FUZZ_RUNS (default 500000),
# CLEARWAY_FUZZ_JOBS (parallel fuzzing processes, default 1).
# Exits 77 (CTest: skipped) when clang++ or libFuzzer's runtime is missing: tools/dev.sh deps.
set -euo pipefail

src="$(cd "${1:?source dir}" && pwd)"
mkdir -p "${2:?work dir}"
work="$(cd "$2" && pwd)"
seconds="${CLEARWAY_FUZZ_SECONDS:-20}"
runs="${CLEARWAY_FUZZ_RUNS:-500000}"
jobs="${CLEARWAY_FUZZ_JOBS:-1}"
cxx="${CLEARWAY_FUZZ_CXX:-clang++}"
mkdir -p "$work/corpus" "$work/artifacts"

if ! command -v "$cxx" >/dev/null; then
    echo "run_fuzz.sh: $cxx not found; install clang (tools/dev.sh deps)" >&2
    exit 77
fi
probe="$work/probe"
printf '#include <cstddef>\n#include <cstdint>\nextern "C" int LLVMFuzzerTestOneInput(const uint8_t *, size_t) { return 0; }\n' >"$probe.cpp"
if ! "$cxx" -fsanitize=fuzzer,address,undefined "$probe.cpp" -o "$probe" 2>"$probe.log"; then
    cat "$probe.log" >&2
    echo "run_fuzz.sh: $cxx cannot link libFuzzer; install libclang-rt-14-dev (tools/dev.sh deps)" >&2
    exit 77
fi

generator=()
command -v ninja >/dev/null && [ ! -f "$work/build/CMakeCache.txt" ] && generator=(-G Ninja)
cmake -S "$src/tests/fuzz/clang" -B "$work/build" "${generator[@]}" -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$work/build" -j 2

# ASan's default 256 MiB quarantine alone grows the process to ~1 GiB within a minute and slows it
# down; the decoder's allocations are short-lived, so a small quarantine still catches reuse.
export ASAN_OPTIONS="${ASAN_OPTIONS:-quarantine_size_mb=16}"

# New inputs go to <work>/corpus (kept between runs); the seeds in the source tree stay read-only.
parallel=()
[ "$jobs" -gt 1 ] && parallel=(-jobs="$jobs" -workers="$jobs") # logs go to <work>/fuzz-<n>.log then
cd "$work"
set +e
"$work/build/fuzz_message" -max_total_time="$seconds" -runs="$runs" "${parallel[@]}" -timeout=10 \
    -dict="$src/tests/fuzz/message.dict" -artifact_prefix="$work/artifacts/" -print_final_stats=1 \
    "$work/corpus" "$src/tests/fuzz/corpus/message"
rc=$?
set -e
if [ "$rc" -ne 0 ]; then
    echo "run_fuzz.sh: the fuzzer failed (exit $rc). Reproduce with: $work/build/fuzz_message <input>" >&2
    ls -l "$work/artifacts" >&2
    echo "Fix the decoder, then add the input to tests/fuzz/corpus/message/ so the replay test keeps it." >&2
fi
exit "$rc"
