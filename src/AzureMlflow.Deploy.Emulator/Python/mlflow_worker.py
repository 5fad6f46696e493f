"""Runs one deployment instance's model or scoring script for the AzureMlflow.Deploy emulator.

Either loads an MLflow model the way MLflow's pyfunc loader does for its flavor (sklearn, xgboost,
lightgbm, or any python_function loader_module that is importable), converts each request's input_data
as Azure ML's MLflow scoring script does and answers like it; or loads a user's scoring script as Azure
ML's inference server does (AZUREML_MODEL_DIR set, init() once, run(raw_data) per request, run(mini_batch)
with file paths for batch). The emulator talks to it over stdin/stdout, one JSON object per line;
anything the model or script prints goes to stderr, which the emulator keeps as the deployment's log.
The mlflow package itself is not needed.
"""
import importlib
import importlib.util
import json
import os
import pickle
import sys
import traceback

PROTOCOL = sys.stdout
sys.stdout = sys.stderr  # model and library output must never mix with the protocol

NUMPY_DTYPES = {"double": "float64", "float": "float32", "long": "int64", "integer": "int32", "boolean": "bool", "string": "object", "binary": "object"}


class InputError(Exception):
    """A request the model cannot take: answered with 400, as the MLflow scoring server does."""


def answer(message):
    PROTOCOL.write(json.dumps(message, default=jsonable) + "\n")
    PROTOCOL.flush()


def jsonable(value):
    """MLflow's _get_jsonable_obj: numpy values and arrays as lists, DataFrames as records."""
    import numpy as np
    import pandas as pd
    if isinstance(value, pd.DataFrame):
        return value.to_dict(orient="records")
    if isinstance(value, pd.Series):
        return value.tolist()
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def load_model(model_dir, mlmodel):
    flavors = mlmodel.get("flavors") or {}
    pyfunc = flavors.get("python_function")
    if pyfunc is None:
        raise RuntimeError(f"The model has no python_function flavor (flavors: {', '.join(flavors)}); MLflow cannot serve it without a scoring script.")
    for code in [pyfunc.get("code")] if pyfunc.get("code") else []:
        sys.path.insert(0, os.path.join(model_dir, code))
    loader = pyfunc.get("loader_module")
    if loader == "mlflow.sklearn":
        flavor = flavors.get("sklearn", {})
        path = os.path.join(model_dir, flavor.get("pickled_model") or pyfunc.get("model_path") or "model.pkl")
        with open(path, "rb") as f:
            if flavor.get("serialization_format", "cloudpickle") == "cloudpickle":
                import cloudpickle
                return "sklearn", cloudpickle.load(f)
            return "sklearn", pickle.load(f)
    if loader == "mlflow.xgboost":
        flavor = flavors.get("xgboost", {})
        import xgboost
        path = os.path.join(model_dir, flavor.get("data") or pyfunc.get("data"))
        model_class = flavor.get("model_class", "xgboost.core.Booster")
        module_name, class_name = model_class.rsplit(".", 1)
        model = getattr(importlib.import_module(module_name), class_name)()
        model.load_model(path)
        return "xgboost", model
    if loader == "mlflow.lightgbm":
        flavor = flavors.get("lightgbm", {})
        import lightgbm
        path = os.path.join(model_dir, flavor.get("data") or pyfunc.get("data"))
        if path.endswith(".pkl"):
            with open(path, "rb") as f:
                import cloudpickle
                return "lightgbm", cloudpickle.load(f)
        return "lightgbm", lightgbm.Booster(model_file=path)
    if loader is None:
        raise RuntimeError("The python_function flavor names no loader_module.")
    module = importlib.import_module(loader)
    data = pyfunc.get("data")
    return loader, module._load_pyfunc(os.path.join(model_dir, data) if data else model_dir)


def load_script(message):
    """As the inference server starts a scoring script: its environment variables, its folder importable, init()."""
    code_dir, script = message["code_dir"], message["scoring_script"]
    os.environ["AZUREML_MODEL_DIR"] = message["model_dir"]
    os.environ["AML_APP_ROOT"] = code_dir
    os.environ["AZUREML_ENTRY_SCRIPT"] = script
    sys.path.insert(0, code_dir)
    os.chdir(code_dir)
    spec = importlib.util.spec_from_file_location("score", os.path.join(code_dir, script))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if not callable(getattr(module, "run", None)):
        raise RuntimeError(f"The scoring script {script} has no run() function.")
    if callable(getattr(module, "init", None)):
        module.init()
    return module


def signature_of(mlmodel):
    signature = mlmodel.get("signature") or {}
    inputs = signature.get("inputs")
    return json.loads(inputs) if isinstance(inputs, str) and inputs not in ("", "null") else None


def to_frame(input_data, columns):
    import pandas as pd
    # Azure's MLflow scoring script reads DataFrames in pandas' split orientation only (records fail there too).
    if isinstance(input_data, dict) and "data" in input_data:
        frame = pd.DataFrame(data=input_data["data"], columns=input_data.get("columns"), index=input_data.get("index"))
    elif isinstance(input_data, list) and input_data and all(isinstance(r, dict) for r in input_data):
        raise InputError("'input_data' is a list of records, but Azure ML's MLflow server reads DataFrames in split orientation only: "
                         "{\"columns\": [...], \"index\": [...], \"data\": [[...]]}.")
    else:
        raise InputError("'input_data' must be a DataFrame in split orientation ({\"columns\": [...], \"index\": [...], \"data\": [[...]]}) for this model's column-based signature.")
    if columns is None:
        return frame
    names = [c.get("name") for c in columns]
    missing = [n for n, c in zip(names, columns) if n not in frame.columns and c.get("required", True)]
    if missing:
        raise InputError(f"Model is missing inputs {missing}. Note that there were extra inputs: {[c for c in frame.columns if c not in names]}.")
    for name, column in zip(names, columns):
        dtype = NUMPY_DTYPES.get(column.get("type"))
        if name in frame.columns and dtype is not None:
            try:
                frame[name] = frame[name].astype(dtype)
            except (ValueError, TypeError) as error:
                raise InputError(f"Incompatible input types for column {name}. Can not safely convert {frame[name].dtype} to {dtype}: {error}") from error
    return frame[[n for n in names if n in frame.columns]]


def to_tensors(input_data, tensors):
    import numpy as np
    def array(values, spec):
        dtype = (spec or {}).get("tensor-spec", {}).get("dtype")
        try:
            return np.asarray(values, dtype=dtype)
        except (ValueError, TypeError) as error:
            raise InputError(f"The input cannot be converted to a tensor of dtype {dtype}: {error}") from error
    if isinstance(input_data, dict) and "data" not in input_data:
        specs = {t.get("name"): t for t in tensors or []}
        return {name: array(values, specs.get(name)) for name, values in input_data.items()}
    return array(input_data, (tensors or [None])[0])


def predict(kind, model, mlmodel, request):
    if "input_data" not in request:
        raise InputError("A value is not provided for the 'input_data' parameter.")  # the service's words
    input_data = request["input_data"]
    inputs = signature_of(mlmodel)
    if inputs is not None and inputs and inputs[0].get("type") == "tensor":
        data = to_tensors(input_data, inputs)
    elif inputs is None and isinstance(input_data, list) and not all(isinstance(r, dict) for r in input_data):
        data = to_tensors(input_data, None)
    else:
        data = to_frame(input_data, inputs)
    if kind == "xgboost" and type(model).__name__ == "Booster":
        import xgboost
        return model.predict(xgboost.DMatrix(data))
    params = request.get("params")
    if params and kind not in ("sklearn", "xgboost", "lightgbm"):
        return model.predict(data, params=params)
    return model.predict(data)


def main():
    model = kind = mlmodel = None
    for line in sys.stdin:
        if not line.strip():
            continue
        message = json.loads(line)
        op = message.get("op")
        try:
            if op == "load":
                mlmodel = message["mlmodel"]  # the MLmodel file, read by the emulator
                kind, model = load_model(message["model_dir"], mlmodel)
                answer({"ok": True, "flavor": kind})
            elif op == "load_script":
                kind, model = "script", load_script(message)
                answer({"ok": True, "flavor": kind})
            elif op == "predict":
                answer({"ok": True, "result": predict(kind, model, mlmodel, message["request"])})
            elif op == "run":
                answer({"ok": True, "result": model.run(message["input"])})
            else:
                answer({"ok": False, "status": 400, "message": f"Unknown operation {op!r}."})
        except InputError as error:
            answer({"ok": False, "status": 400, "message": str(error)})
        except Exception as error:  # the model's own failure: logged with its traceback, answered as the server does
            print("Encountered Exception: " + traceback.format_exc(), file=sys.stderr)
            answer({"ok": False, "status": 500 if op in ("predict", "run") else 0, "message": f"{type(error).__name__}: {error}"})


if __name__ == "__main__":
    main()
