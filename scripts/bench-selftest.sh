#!/usr/bin/env bash
# Runs the specs of the benchmark and chaos tools' pure parts (bench/lib/*.test.ts) with node's test runner:
# bench/ is outside jest's unit project, and these never start a process or open a socket.
set -euo pipefail
cd "$(dirname "$0")/.."
exec node -r ts-node/register/transpile-only -r tsconfig-paths/register --test bench/lib/*.test.ts
