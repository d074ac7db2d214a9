#!/bin/bash
# W4's instructions per repetition (x = x.mul(1.0001).add(0.5), then sum and backward), counted by
# valgrind's cachegrind with V8 single-threaded (compiler and collector on the main thread), so the
# count does not depend on the machine's load, unlike a time: (I(50 runs) - I(10 runs)) / 40 runs /
# 10,000 repetitions. Run-to-run spread about ±10 instructions.
# Usage: bash bench/w4-instructions.sh [path/to/out/engine/index.js]   (needs Debian's valgrind)
set -euo pipefail
engine=${1:-$(dirname "$0")/../out/engine/index.js}
count() {
  valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
    node --single-threaded "$(dirname "$0")/w4-probe.mjs" "$engine" 10000 "$1" 2>&1 | grep 'I *refs' | sed 's/.*: *//; s/,//g'
}
low=$(count 10)
high=$(count 50)
echo "$engine: $(( (high - low) / 400000 )) instructions per repetition"
