#!/usr/bin/env bash
# Packs the SDK, the emulator library and the azureml-emulator tool into artifacts/packages (a local feed for samples and scripts).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
for project in src/AzureMlflow.Deploy src/AzureMlflow.Deploy.Emulator src/AzureMlflow.Deploy.Emulator.Tool; do
  dotnet pack "$root/$project" --configuration Release --output "$root/artifacts/packages" "$@"
done
ls -1 "$root/artifacts/packages"
