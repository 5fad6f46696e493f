#!/usr/bin/env bash
# Regenerates docs/studio.png, the screenshot README shows: the Test tab as the studio's deploy test leaves it, reduced
# to 32 colours so the committed file stays small. Needs Chromium (as the studio tests do) and Debian's python3-pil.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dotnet test "$root/test/AzureMlflow.Deploy.Tests" --filter "FullyQualifiedName~StudioDeployTests.TheWizardDeploysAModel"
/usr/bin/python3 - "$root/artifacts/studio/test-answer.png" "$root/docs/studio.png" <<'PY'
import sys
from PIL import Image
Image.open(sys.argv[1]).convert("RGB").quantize(colors=32, method=Image.Quantize.MEDIANCUT).save(sys.argv[2], optimize=True)
PY
ls -l "$root/docs/studio.png"
