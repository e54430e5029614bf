#!/bin/sh
# Seeds the fuzz corpus with every bad and awkward file, the bundled
# scenarios and the format example, then runs the target for $1 seconds
# (default 600) on the one stable toolchain (RUSTC_BOOTSTRAP lets cargo
# fuzz pass its -Z flags), building into the main target/ folder.
set -e
cd "$(dirname "$0")"
mkdir -p corpus/scenario_bytes
cp ../tests/data/bad/*.ron ../tests/data/awkward/*.ron ../scenarios/*.ron \
   ../tests/data/format_example.ron ../tests/data/model2_example.ron corpus/scenario_bytes/
RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR=../target cargo fuzz run --sanitizer none scenario_bytes \
   corpus/scenario_bytes -- -max_total_time="${1:-600}" -max_len=65536 -timeout=10
