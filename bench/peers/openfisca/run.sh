#!/usr/bin/env bash
# Drom against OpenFisca on the same readmission list: generates 1,000,000 rows, screens them
# with Drom (release build, CSV in and out with explanations) and with the same unmik-2004
# policy encoded in OpenFisca, checks the outcomes agree row by row, and prints the ratio of
# wall times. Usage: bench/peers/openfisca/run.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/../../.."
ROWS="${1:-1000000}"
DATA=bench/data
VENV=bench/peers/openfisca/.venv
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet -r bench/peers/openfisca/requirements.txt
fi
cargo build --release --locked -p drom-bench --bin screening
./target/release/screening --rows "$ROWS" --dir "$DATA" --runs 3
# The OpenFisca run right after, on the same files.
"$VENV/bin/python" bench/peers/openfisca/screen.py \
  --input "$DATA/readmission.csv" --drom-out "$DATA/drom-out.csv" --drom-seconds "$DATA/drom-time.txt"
