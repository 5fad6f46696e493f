#!/usr/bin/env bash
# Checks the packages as a user gets them: packs the SDK, the emulator library, the azureml-emulator tool and the two
# Aspire integrations into a fresh local feed, fails if a package is over its size budget or carries native symbol files
# (*.pdb under runtimes/), checks that the emulator library and the integrations keep their dependencies as package
# references, installs the tool from the feed into a temporary tool path, runs `azureml-emulator --help`, and starts the
# installed tool once (the connection file is written and the workspace answers a GET over HTTPS with the emulator's own
# certificate). Prints "packages ok" at the end.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
tool_pid=""
cleanup() {
  if [ -n "$tool_pid" ]; then kill "$tool_pid" 2>/dev/null || true; wait "$tool_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

feed="$work/feed"
# A version no earlier run used, so no NuGet cache can answer with a stale copy. The packs restore as usual (a packages
# folder of their own would leave the repository's obj/ pointing at it once it is deleted).
version="0.1.0-check.$(date +%s)"
for project in src/AzureMlflow.Deploy src/AzureMlflow.Deploy.Emulator src/AzureMlflow.Deploy.Emulator.Tool src/AzureMlflow.Deploy.Aspire src/AzureMlflow.Deploy.Aspire.Hosting; do
  dotnet pack "$root/$project" --configuration Release --output "$feed" -p:PackageVersion="$version" --nologo -v quiet
done

fail() { echo "check-packages: $*" >&2; exit 1; }
mb() { awk "BEGIN { if ($1 < 1048576) printf \"%.0f KB\", $1 / 1024; else printf \"%.1f MB\", $1 / 1048576 }"; }
# Budgets in bytes: what each package may weigh (the tool carries ONNX Runtime for six desktop platforms).
check_package() {
  local id="$1" budget="$2" file="$feed/$1.$version.nupkg"
  [ -f "$file" ] || fail "$id was not packed"
  local size; size=$(stat -c %s "$file")
  echo "$id: $(mb "$size") (budget $(mb "$budget"))"
  [ "$size" -le "$budget" ] || fail "$id is $(mb "$size"), over its budget of $(mb "$budget")"
  if unzip -Z1 "$file" | grep -E '^(tools|runtimes|lib)/.*runtimes/.*/native/.*\.pdb$|^runtimes/.*/native/.*\.pdb$'; then
    fail "$id carries native symbol files"
  fi
}
check_package AzureMlflow.Deploy $((5 * 1048576))
check_package AzureMlflow.Deploy.Emulator $((2 * 1048576))
check_package AzureMlflow.Deploy.Emulator.Tool $((60 * 1048576))
# The Aspire integrations are thin: a few registrations each, everything else comes from their dependencies.
check_package AzureMlflow.Deploy.Aspire $((256 * 1024))
check_package AzureMlflow.Deploy.Aspire.Hosting $((256 * 1024))

# The integrations reference the SDK and the emulator as packages of the same version, never carry copies of them.
for pair in "AzureMlflow.Deploy.Aspire:AzureMlflow.Deploy" "AzureMlflow.Deploy.Aspire.Hosting:AzureMlflow.Deploy" "AzureMlflow.Deploy.Aspire.Hosting:AzureMlflow.Deploy.Emulator"; do
  id="${pair%%:*}" dependency="${pair#*:}"
  unzip -p "$feed/$id.$version.nupkg" "$id.nuspec" | grep -q "id=\"$dependency\" version=\"$version\"" || fail "$id does not reference $dependency $version as a package"
  if unzip -Z1 "$feed/$id.$version.nupkg" | grep -q "/$dependency.dll$"; then fail "$id carries a copy of $dependency.dll"; fi
done

# The emulator library ships no native code of its own: users' test projects restore its dependencies.
nuspec="$(unzip -p "$feed/AzureMlflow.Deploy.Emulator.$version.nupkg" AzureMlflow.Deploy.Emulator.nuspec)"
for dependency in Microsoft.ML.OnnxRuntime Azure.Storage.Blobs YamlDotNet StbImageSharp; do
  grep -q "id=\"$dependency\"" <<<"$nuspec" || fail "AzureMlflow.Deploy.Emulator does not reference $dependency as a package"
done

tools="$work/tools"
# The tool package has no dependencies: installing it into a packages folder of its own keeps the user's cache clean.
NUGET_PACKAGES="$work/nuget-packages" dotnet tool install AzureMlflow.Deploy.Emulator.Tool --tool-path "$tools" --add-source "$feed" --version "$version" >/dev/null
help="$("$tools/azureml-emulator" --help)" || fail "azureml-emulator --help exited with $?"
grep -q "Usage: azureml-emulator" <<<"$help" || fail "azureml-emulator --help printed no usage"
echo "azureml-emulator --help: ok"

connection="$work/emulator.json"
(cd "$work" && exec "$tools/azureml-emulator" --connection-file "$connection" --cert-out "$work/emulator.pem" --workspace check-ws) > "$work/tool.log" 2>&1 &
tool_pid=$!
for _ in $(seq 1 600); do
  [ -s "$connection" ] && grep -q "Press Ctrl+C" "$work/tool.log" && break
  kill -0 "$tool_pid" 2>/dev/null || fail "the installed tool exited: $(cat "$work/tool.log")"
  sleep 0.1
done
[ -s "$connection" ] || fail "the installed tool wrote no connection file in 60 s: $(cat "$work/tool.log")"
url="$(node -e '
  const c = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`${c.endpoint.replace(/\/$/, "")}/subscriptions/${c.subscription_id}/resourceGroups/${c.resource_group}/providers/Microsoft.MachineLearningServices/workspaces/${c.workspace_name}?api-version=2024-04-01`);
' "$connection")"
status="$(curl -s -o "$work/workspace.json" -w '%{http_code}' --cacert "$work/emulator.pem" -H "Authorization: Bearer check" "$url")"
[ "$status" = "200" ] || fail "GET workspace answered $status: $(cat "$work/workspace.json" 2>/dev/null)"
grep -q '"name":"check-ws"' "$work/workspace.json" || fail "the workspace answer is not check-ws: $(cat "$work/workspace.json")"
echo "installed azureml-emulator started: connection file written, GET workspace 200"
echo "packages ok"
