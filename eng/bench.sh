#!/usr/bin/env bash
# Runs the performance benchmarks of issue 7 and writes artifacts/bench/summary.md: every workload with its baselines
# side by side in one run, each target marked met or not. Takes about 15 minutes on a 2-core machine.
#
#   eng/bench.sh                         everything
#   eng/bench.sh --filter 'Payload.*'    only some workloads (globs, comma-separated or repeated): Payload.DataFrame100k,
#                                        Payload.DataFrame1M, Payload.Tensor10k, Payload.Records100k, Payload.Stream,
#                                        Scoring, Lro, Upload, ColdStart
#
# Python baselines use Debian's python3 with python3-pandas (installed here with apt-get when missing).
# BENCH_UPLOAD_LARGE_MIB sets the size of the upload workload's four large files (default 200).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
out="$root/artifacts/bench"
data="$out/data"
start=$(date +%s)
mkdir -p "$out"

filters=()
while [ $# -gt 0 ]; do
  case "$1" in
    --filter) filters+=(--filter "$2"); shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
wants() { # wants PATTERN: whether the filters (none = everything) select a workload matching PATTERN
  [ ${#filters[@]} -eq 0 ] && return 0
  local f
  for ((i = 1; i < ${#filters[@]}; i += 2)); do
    IFS=',' read -ra parts <<<"${filters[$i]}"
    for f in "${parts[@]}"; do
      # shellcheck disable=SC2053
      [[ "$1" == $f || "$f" == "$1" || "$f" == Payload* && "$1" == Payload* ]] && return 0
    done
  done
  return 1
}

echo "== Building (Release) =="
dotnet build test/AzureMlflow.Deploy.Benchmarks/AzureMlflow.Deploy.Benchmarks.csproj --configuration Release -nologo -v quiet
dll="$root/test/AzureMlflow.Deploy.Benchmarks/bin/Release/net10.0/AzureMlflow.Deploy.Benchmarks.dll"

# Azurite for the upload workload (the emulator also installs it on first use).
if [ ! -x eng/azurite/node_modules/.bin/azurite-blob ] && command -v npm >/dev/null 2>&1; then
  npm ci --prefix eng/azurite --no-audit --no-fund
fi

python_args=()
if wants "Payload.*"; then
  if ! /usr/bin/python3 -c 'import pandas' 2>/dev/null; then
    echo "== Installing python3-pandas (Debian) for the Python baselines =="
    if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && apt-get install -y -qq python3-pandas >/dev/null; else sudo apt-get update -qq && sudo apt-get install -y -qq python3-pandas >/dev/null; fi
  fi
  echo "== Python baselines =="
  dotnet "$dll" --export-data "$data"
  /usr/bin/python3 eng/bench_baselines.py "$data"
  python_args=(--python "$data/python.json")
fi

echo "== Benchmarks =="
dotnet "$dll" --run --out "$out" "${python_args[@]}" "${filters[@]}"
rm -rf "$data"
elapsed=$(( $(date +%s) - start ))
printf "\neng/bench.sh wall time: %d min %02d s (build, Python baselines and benchmarks).\n" $((elapsed / 60)) $((elapsed % 60)) | tee -a "$out/summary.md"
echo "summary: $out/summary.md"
