#!/usr/bin/env bash
# Runs every test in the solution and ends with one line: "N passed, N failed[, N skipped][, N inconclusive][, N not
# runnable]", computed from the TRX results so a run that executed no test is visible. A test that could not run (a
# broken test case source, say) fails the run like a failed test. Extra arguments go to `dotnet test` (e.g. --filter ...).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
results="$root/artifacts/test-results"
rm -rf "$results"

dotnet test "$root/AzureMlflow.Deploy.sln" --configuration Release --logger trx --results-directory "$results" "$@"
status=$?

sum() { # sums one attribute of the <Counters> element over every TRX file
  find "$results" -name '*.trx' -print0 2>/dev/null | xargs -0 -r grep -ho "<Counters [^>]*" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' | awk '{s+=$1} END {print s+0}'
}
passed=$(sum passed)
failed=$(( $(sum failed) + $(sum error) + $(sum timeout) + $(sum aborted) ))
# The TRX counters leave ignored tests out of notExecuted; they are the tests counted but not executed.
skipped=$(( $(sum total) - $(sum executed) ))
inconclusive=$(sum inconclusive)
not_runnable=$(sum notRunnable)

summary="$passed passed, $failed failed"
if [ "$skipped" -gt 0 ]; then summary="$summary, $skipped skipped"; fi
if [ "$inconclusive" -gt 0 ]; then summary="$summary, $inconclusive inconclusive"; fi
if [ "$not_runnable" -gt 0 ]; then summary="$summary, $not_runnable not runnable"; fi
echo "$summary"

if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$not_runnable" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
