"""Regenerates samples/models/diabetes-linear: an MLflow model with the onnx flavor.

A linear regression is fitted on the diabetes data set that scikit-learn ships (the same 10 columns as the seed's
sklearn-diabetes model) and written as a hand-built ONNX graph (MatMul + Add), so only Debian's python3-sklearn and
python3-onnx are needed (no skl2onnx, no mlflow). The MLmodel, conda.yaml, python_env.yaml, requirements.txt and
input_example.json follow what mlflow.onnx.save_model writes. Also writes the coefficients (for tests) and a few
rows of the data (for the quick start).

Run: eng/make-sample-model.sh
"""
import json
import os
import sys
import uuid
from datetime import datetime, timezone

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from sklearn.datasets import load_diabetes
from sklearn.linear_model import LinearRegression

root = sys.argv[1]
model_dir = os.path.join(root, "samples", "models", "diabetes-linear")
os.makedirs(model_dir, exist_ok=True)

data = load_diabetes()
columns = list(data.feature_names)  # age, sex, bmi, bp, s1..s6
x = np.asarray(data.data, dtype=np.float64)
y = np.asarray(data.target, dtype=np.float64)
regression = LinearRegression().fit(x, y)

weights = numpy_helper.from_array(regression.coef_.astype(np.float32).reshape(len(columns), 1), name="coefficients")
bias = numpy_helper.from_array(np.array([regression.intercept_], dtype=np.float32), name="intercept")
graph = helper.make_graph(
    [helper.make_node("MatMul", ["input", "coefficients"], ["product"]), helper.make_node("Add", ["product", "intercept"], ["predictions"])],
    "diabetes_linear",
    [helper.make_tensor_value_info("input", TensorProto.FLOAT, [None, len(columns)])],
    [helper.make_tensor_value_info("predictions", TensorProto.FLOAT, [None, 1])],
    initializer=[weights, bias],
)
model = helper.make_model(graph, producer_name="AzureMlflow.Deploy eng/make_sample_model.py", opset_imports=[helper.make_opsetid("", 13)])
model.ir_version = 8
onnx.checker.check_model(model)
onnx.save(model, os.path.join(model_dir, "model.onnx"))

inputs = json.dumps([{"type": "double", "name": c, "required": True} for c in columns])
outputs = json.dumps([{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 1]}, "name": "predictions"}])
created = datetime(2026, 11, 25, tzinfo=timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")
mlmodel = f"""artifact_path: model
flavors:
  onnx:
    code: null
    data: model.onnx
    onnx_version: {onnx.__version__}
    providers:
    - CUDAExecutionProvider
    - CPUExecutionProvider
  python_function:
    data: model.onnx
    env:
      conda: conda.yaml
      virtualenv: python_env.yaml
    loader_module: mlflow.onnx
    python_version: 3.11.2
mlflow_version: 2.9.2
model_uuid: {uuid.uuid5(uuid.NAMESPACE_URL, 'azuremlflow-deploy/diabetes-linear').hex}
saved_input_example_info:
  artifact_path: input_example.json
  pandas_orient: split
  type: dataframe
signature:
  inputs: '{inputs}'
  outputs: '{outputs}'
  params: null
utc_time_created: '{created}'
"""
with open(os.path.join(model_dir, "MLmodel"), "w") as f:
    f.write(mlmodel)
with open(os.path.join(model_dir, "conda.yaml"), "w") as f:
    f.write("channels:\n- conda-forge\ndependencies:\n- python=3.11.2\n- pip<=23.3\n- pip:\n  - mlflow==2.9.2\n  - onnx==1.12.0\n  - onnxruntime==1.16.3\nname: mlflow-env\n")
with open(os.path.join(model_dir, "python_env.yaml"), "w") as f:
    f.write("python: 3.11.2\nbuild_dependencies:\n- pip==23.3\ndependencies:\n- -r requirements.txt\n")
with open(os.path.join(model_dir, "requirements.txt"), "w") as f:
    f.write("mlflow==2.9.2\nonnx==1.12.0\nonnxruntime==1.16.3\n")
example_rows = x[:3].tolist()
with open(os.path.join(model_dir, "input_example.json"), "w") as f:
    json.dump({"columns": columns, "data": example_rows}, f)

with open(os.path.join(root, "samples", "models", "diabetes-linear.coefficients.json"), "w") as f:
    json.dump({"columns": columns, "coefficients": regression.coef_.astype(np.float32).astype(float).tolist(),
               "intercept": float(np.float32(regression.intercept_))}, f, indent=2)
with open(os.path.join(root, "samples", "data", "diabetes-sample.csv"), "w") as f:
    f.write(",".join(columns) + "\n")
    for row in x[:8]:
        f.write(",".join(repr(float(v)) for v in row) + "\n")
print("wrote", model_dir)
