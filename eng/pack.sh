#!/usr/bin/env bash
# Packs the SDK, the emulator library, the azureml-emulator tool and the two Aspire integrations into artifacts/packages
# (the local feed samples/scripts restore from).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
for project in src/AzureMlflow.Deploy src/AzureMlflow.Deploy.Emulator src/AzureMlflow.Deploy.Emulator.Tool src/AzureMlflow.Deploy.Aspire src/AzureMlflow.Deploy.Aspire.Hosting; do
  dotnet pack "$root/$project" --configuration Release --output "$root/artifacts/packages" "$@"
done
ls -1 "$root/artifacts/packages"
