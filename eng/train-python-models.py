#!/usr/bin/env python3
"""Trains the scikit-learn and XGBoost sample models and writes them as MLflow model folders.

The mlflow package is not installable here (no PyPI), so the folders are written in MLflow's layout by this
script: MLmodel (the library's flavor and python_function, signature, input example), conda.yaml,
python_env.yaml, requirements.txt, the model file and input_example.json. Beside each model folder,
<model>.expected.json keeps some rows and the library's own predictions for them, which the emulator's tests
compare with what a deployment answers.

Needs Debian's python3-sklearn, python3-xgboost and python3-cloudpickle:
    /usr/bin/python3 eng/train-python-models.py
"""
import json
import os
import sys
import uuid

import cloudpickle
import numpy as np
import sklearn
import xgboost
from sklearn.datasets import load_diabetes
from sklearn.ensemble import RandomForestRegressor

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "samples", "models")
PYTHON = "{}.{}.{}".format(*sys.version_info[:3])
MLFLOW = "2.9.2"
CREATED = "2026-11-29 00:00:00.000000"
EXPECTED_ROWS = 5


def signature(columns):
    inputs = [{"type": "double", "name": c, "required": True} for c in columns]
    outputs = [{"type": "tensor", "tensor-spec": {"dtype": "float64", "shape": [-1]}}]
    return json.dumps(inputs), json.dumps(outputs)


def write_common(folder, columns, rows, pip):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "input_example.json"), "w", encoding="utf-8") as f:
        json.dump({"columns": columns, "data": rows[:2]}, f)
    with open(os.path.join(folder, "conda.yaml"), "w", encoding="utf-8") as f:
        f.write("channels:\n- conda-forge\ndependencies:\n- python=%s\n- pip<=23.3\n- pip:\n" % PYTHON + "".join("  - %s\n" % p for p in pip) + "name: mlflow-env\n")
    with open(os.path.join(folder, "python_env.yaml"), "w", encoding="utf-8") as f:
        f.write("python: %s\nbuild_dependencies:\n- pip==23.3\ndependencies:\n- -r requirements.txt\n" % PYTHON)
    with open(os.path.join(folder, "requirements.txt"), "w", encoding="utf-8") as f:
        f.write("".join(p + "\n" for p in pip))


def write_mlmodel(folder, flavor_name, flavor, pyfunc, columns):
    inputs, outputs = signature(columns)
    # Written by hand in the key order MLflow's yaml.safe_dump produces (sorted).
    lines = ["artifact_path: model", "flavors:"]
    for name, body in sorted({flavor_name: flavor, "python_function": pyfunc}.items()):
        lines.append("  %s:" % name)
        for key, value in sorted(body.items()):
            if isinstance(value, dict):
                lines.append("    %s:" % key)
                lines.extend("      %s: %s" % (k, v) for k, v in sorted(value.items()))
            else:
                lines.append("    %s: %s" % (key, "null" if value is None else value))
    lines += [
        "mlflow_version: %s" % MLFLOW,
        "model_uuid: %s" % uuid.uuid5(uuid.NAMESPACE_URL, folder).hex,
        "saved_input_example_info:",
        "  artifact_path: input_example.json",
        "  pandas_orient: split",
        "  type: dataframe",
        "signature:",
        "  inputs: '%s'" % inputs,
        "  outputs: '%s'" % outputs,
        "  params: null",
        "utc_time_created: '%s'" % CREATED,
    ]
    with open(os.path.join(folder, "MLmodel"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def write_expected(folder, columns, rows, predictions):
    # Beside the model folder, not in it: it is not part of the model that is uploaded.
    with open(folder + ".expected.json", "w", encoding="utf-8") as f:
        json.dump({"columns": columns, "data": rows, "predictions": [float(p) for p in predictions]}, f, indent=1)


def main():
    data = load_diabetes(as_frame=True)
    features, target = data.data, data.target
    columns = list(features.columns)
    rows = features.head(EXPECTED_ROWS).values.tolist()
    env = {"conda": "conda.yaml", "virtualenv": "python_env.yaml"}

    forest = RandomForestRegressor(n_estimators=20, max_depth=4, random_state=0).fit(features, target)
    folder = os.path.join(ROOT, "diabetes-sklearn")
    write_common(folder, columns, rows, ["azureml-ai-monitoring", "cloudpickle==%s" % cloudpickle.__version__, "mlflow==%s" % MLFLOW, "scikit-learn==%s" % sklearn.__version__])
    with open(os.path.join(folder, "model.pkl"), "wb") as f:
        cloudpickle.dump(forest, f)
    write_mlmodel(folder, "sklearn",
                  {"code": None, "pickled_model": "model.pkl", "serialization_format": "cloudpickle", "sklearn_version": sklearn.__version__},
                  {"env": env, "loader_module": "mlflow.sklearn", "model_path": "model.pkl", "predict_fn": "predict", "python_version": PYTHON},
                  columns)
    write_expected(folder, columns, rows, forest.predict(features.head(EXPECTED_ROWS)))

    booster = xgboost.XGBRegressor(n_estimators=20, max_depth=3, random_state=0).fit(features, target)
    folder = os.path.join(ROOT, "diabetes-xgboost")
    write_common(folder, columns, rows, ["azureml-ai-monitoring", "mlflow==%s" % MLFLOW, "xgboost==%s" % xgboost.__version__])
    booster.save_model(os.path.join(folder, "model.json"))
    write_mlmodel(folder, "xgboost",
                  {"code": None, "data": "model.json", "model_class": "xgboost.sklearn.XGBRegressor", "model_format": "json", "xgb_version": xgboost.__version__},
                  {"data": "model.json", "env": env, "loader_module": "mlflow.xgboost", "python_version": PYTHON},
                  columns)
    write_expected(folder, columns, rows, booster.predict(features.head(EXPECTED_ROWS)))
    print("wrote", os.path.normpath(ROOT))


if __name__ == "__main__":
    main()
