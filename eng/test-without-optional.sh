#!/usr/bin/env bash
# Runs the test command (eng/test.sh, same arguments) on this machine as if the optional prerequisites were not
# installed: Python's libraries (numpy, pandas, scikit-learn, XGBoost, cloudpickle, Debian's python3-azure) and
# Chromium are hidden in a private mount namespace, so the tests that need them must skip with the reason, not fail.
# Nothing outside the namespace changes. Needs root (unshare and bind mounts); CI and these machines run as root.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ "$(id -u)" -ne 0 ]; then
  echo "eng/test-without-optional.sh needs root (a private mount namespace with bind mounts)." >&2
  exit 1
fi
exec unshare --mount --propagation private bash -s "$root" "$@" <<'INNER'
set -euo pipefail
root="$1"; shift
# A package that refuses to import (an empty folder would import as a namespace package).
empty="$(mktemp -d)"
echo 'raise ImportError("hidden by eng/test-without-optional.sh")' > "$empty/__init__.py"
hidden=()
for dir in /usr/lib/python3/dist-packages /usr/local/lib/python3*/dist-packages; do
  for module in numpy pandas sklearn xgboost cloudpickle azure; do
    if [ -d "$dir/$module" ]; then
      mount --bind "$empty" "$dir/$module"
      hidden+=("$dir/$module")
    fi
  done
done
for browser in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
  if [ -e "$browser" ]; then
    mount --bind /bin/false "$browser"
    hidden+=("$browser")
  fi
done
echo "Hidden for this run: ${hidden[*]:-nothing}"
if /usr/bin/python3 -c "import pandas" 2>/dev/null; then
  echo "pandas is still importable; not every copy was hidden." >&2
  exit 1
fi
"$root/eng/test.sh" "$@"
INNER
