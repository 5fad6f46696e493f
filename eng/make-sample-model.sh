#!/usr/bin/env bash
# Regenerates samples/models/diabetes-linear (an MLflow model with the onnx flavor) from scikit-learn's diabetes data.
# Needs Debian's python3-sklearn and python3-onnx: apt-get install -y python3-sklearn python3-onnx
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
/usr/bin/python3 "$root/eng/make_sample_model.py" "$root"
