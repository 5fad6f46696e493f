#!/usr/bin/env bash
# Brings the public API baselines up to date with the code: builds the libraries, appends the entries the analyzer
# reports as undeclared (RS0016) to PublicAPI.Unshipped.txt and deletes the entries it reports as gone (RS0017) from
# both files (no version has shipped yet, so nothing needs a *REMOVED* marker). Review the diff: every line is a public
# API change you are making.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
for project in src/AzureMlflow.Deploy src/AzureMlflow.Deploy.Emulator src/AzureMlflow.Deploy.Aspire.Hosting src/AzureMlflow.Deploy.Aspire; do
  [ -d "$root/$project" ] || continue
  log=$(dotnet build "$root/$project" --configuration Release --no-incremental 2>&1)
  added=$(grep -o "error RS0016: Symbol '.*' is not part of the declared public API" <<<"$log" \
    | sed -e "s/^error RS0016: Symbol '//" -e "s/' is not part of the declared public API$//" | sort -u)
  removed=$(grep -o "error RS0017: Symbol '.*' is part of the declared API, but is either not public or could not be found" <<<"$log" \
    | sed -e "s/^error RS0017: Symbol '//" -e "s/' is part of the declared API, but is either not public or could not be found$//" | sort -u)
  if [ -n "$removed" ]; then
    for file in "$root/$project/PublicAPI.Shipped.txt" "$root/$project/PublicAPI.Unshipped.txt"; do
      grep -vxF -f <(printf '%s\n' "$removed") "$file" > "$file.tmp"; mv "$file.tmp" "$file"
    done
    echo "$project: $(wc -l <<<"$removed") entries removed"
  fi
  if [ -n "$added" ]; then
    printf '%s\n' "$added" >> "$root/$project/PublicAPI.Unshipped.txt"
    echo "$project: $(wc -l <<<"$added") new entries"
  fi
done
