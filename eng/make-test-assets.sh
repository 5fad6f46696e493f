#!/usr/bin/env bash
# Regenerates the image test assets (an ONNX MLflow model for 8x8 grayscale images, and images). Needs Debian's
# python3-onnx and python3-pil: apt-get install -y python3-onnx python3-pil
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
/usr/bin/python3 "$root/eng/make_test_assets.py" "$root"
