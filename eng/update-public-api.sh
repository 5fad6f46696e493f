#!/usr/bin/env bash
# Records new public API in PublicAPI.Unshipped.txt: builds the libraries, collects the entries that the analyzer reports
# as undeclared (RS0016), and appends them. Review the diff: every line is a public API change you are making.
# Removed API (RS0017) is not handled: delete its line by hand.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
for project in src/AzureMlflow.Deploy src/AzureMlflow.Deploy.Emulator; do
  log=$(dotnet build "$root/$project" --configuration Release --no-incremental 2>&1)
  entries=$(grep -o "error RS0016: Symbol '.*' is not part of the declared public API" <<<"$log" \
    | sed -e "s/^error RS0016: Symbol '//" -e "s/' is not part of the declared public API$//" | sort -u)
  if [ -n "$entries" ]; then
    printf '%s\n' "$entries" >> "$root/$project/PublicAPI.Unshipped.txt"
    echo "$project: $(wc -l <<<"$entries") new entries"
  fi
done
