"""Regenerates test/AzureMlflow.Deploy.Tests/Assets: an MLflow ONNX model that scores 8x8 grayscale uint8 images
(its prediction is the mean brightness, so tests can compute the expected value) and a few images in several formats.

Run: eng/make-test-assets.sh (needs Debian's python3-onnx and python3-pil).
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper
from PIL import Image

root = sys.argv[1]
assets = os.path.join(root, "test", "AzureMlflow.Deploy.Tests", "Assets")
model_dir = os.path.join(assets, "models", "image-mean")
images_dir = os.path.join(assets, "images")
os.makedirs(model_dir, exist_ok=True)
os.makedirs(images_dir, exist_ok=True)

graph = helper.make_graph(
    [helper.make_node("Cast", ["image"], ["pixels"], to=TensorProto.FLOAT),
     helper.make_node("ReduceMean", ["pixels"], ["brightness"], axes=[1, 2], keepdims=0)],
    "image_mean",
    [helper.make_tensor_value_info("image", TensorProto.UINT8, [None, 8, 8])],
    [helper.make_tensor_value_info("brightness", TensorProto.FLOAT, [None])],
)
model = helper.make_model(graph, producer_name="AzureMlflow.Deploy eng/make_test_assets.py", opset_imports=[helper.make_opsetid("", 13)])
model.ir_version = 8
onnx.checker.check_model(model)
onnx.save(model, os.path.join(model_dir, "model.onnx"))
with open(os.path.join(model_dir, "MLmodel"), "w") as f:
    f.write("""artifact_path: model
flavors:
  onnx:
    data: model.onnx
    onnx_version: 1.12.0
  python_function:
    data: model.onnx
    env:
      conda: conda.yaml
    loader_module: mlflow.onnx
    python_version: 3.11.2
mlflow_version: 2.9.2
signature:
  inputs: '[{"type": "tensor", "name": "image", "tensor-spec": {"dtype": "uint8", "shape": [-1, 8, 8]}}]'
  outputs: '[{"type": "tensor", "name": "brightness", "tensor-spec": {"dtype": "float32", "shape": [-1]}}]'
""")
with open(os.path.join(model_dir, "conda.yaml"), "w") as f:
    f.write("dependencies:\n- python=3.11.2\n- pip:\n  - mlflow==2.9.2\n  - onnxruntime==1.16.3\nname: mlflow-env\n")

# Grayscale images with a known mean: a gradient (PNG, lossless) and a flat grey (JPEG keeps a flat image exact),
# plus a colour PNG that cannot be reshaped to 8x8 (a failure the batch job must report for that file only).
gradient = np.arange(64, dtype=np.uint8).reshape(8, 8) * 3
Image.fromarray(gradient, mode="L").save(os.path.join(images_dir, "gradient.png"))
Image.fromarray(np.full((8, 8), 100, dtype=np.uint8), mode="L").save(os.path.join(images_dir, "flat.jpg"), quality=100)
Image.fromarray(np.zeros((8, 8, 3), dtype=np.uint8), mode="RGB").save(os.path.join(images_dir, "colour.png"))
# A TIFF (uncompressed, the PIL default) that the emulator reads with its own decoder: mean brightness 63.
Image.fromarray(np.arange(64, dtype=np.uint8).reshape(8, 8) * 2, mode="L").save(os.path.join(images_dir, "shade.tiff"))
print("wrote", assets)
