"""Python's azure-ai-ml 1.4.0 as the reference for the .NET SDK, one step at a time.

Run: python3 differential.py <connection.json>
The NUnit test that starts it sends one step name per line on stdin and reads one JSON line back per step
({"step": ..., "ok": ..., "error": ...}); between steps it reads what the emulator received, then makes the SDK do
the same step against a second, identical emulator, and compares the two clients' requests. The steps here and
their .NET twins in DifferentialSteps.cs must do the same thing with the same names and values.
"""
import json
import os
import sys
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from conformance import emulator_client  # noqa: E402

connection, work, ml = emulator_client(sys.argv[1], "aml-differential-py-")

from azure.ai.ml import Input  # noqa: E402
from azure.ai.ml.constants import AssetTypes  # noqa: E402
from azure.ai.ml.entities import (  # noqa: E402
    AmlCompute,
    BatchDeployment,
    BatchEndpoint,
    CodeConfiguration,
    Environment,
    ManagedOnlineDeployment,
    ManagedOnlineEndpoint,
    Model,
    OnlineRequestSettings,
    ProbeSettings,
)
from azure.ai.ml.entities._assets._artifacts.code import Code  # noqa: E402


ROOT = "azureml://datastores/workspaceblobstore/paths/differential"
IMAGE = "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:latest"
CONDA = {"name": "sklearn", "channels": ["conda-forge"], "dependencies": ["python=3.11", "pip", {"pip": ["scikit-learn"]}]}
state = {}


def request_file():
    with open(os.path.join(os.environ["DIFFERENTIAL_SAMPLES"], "models", "diabetes-sklearn.expected.json"), encoding="utf-8") as f:
        sample = json.load(f)
    path = os.path.join(work, "request.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"input_data": {"columns": sample["columns"], "index": list(range(len(sample["data"]))), "data": sample["data"]}}, f)
    return path


STEPS = {
    "workspace get": lambda: ml.workspaces.get(connection["workspace_name"]),
    "datastore default": lambda: ml.datastores.get_default(),
    "datastore get": lambda: ml.datastores.get("workspaceblobstore"),
    "datastore list": lambda: list(ml.datastores.list()),
    "model register by datastore URI": lambda: ml.models.create_or_update(
        Model(name="diff-model", version="1", type=AssetTypes.MLFLOW_MODEL, path=f"{ROOT}/models/diabetes-sklearn", description="differential")),
    "model get": lambda: ml.models.get("diff-model", version="1"),
    "model list versions": lambda: list(ml.models.list(name="diff-model")),
    "model archive": lambda: ml.models.archive("diff-model", version="1"),
    "model restore": lambda: ml.models.restore("diff-model", version="1"),
    "environment register": lambda: ml.environments.create_or_update(Environment(name="diff-env", version="1", image=IMAGE, conda_file=CONDA)),
    "environment get": lambda: ml.environments.get("diff-env", version="1"),
    "code register by datastore URI": lambda: ml._code.create_or_update(Code(name="diff-code", version="1", path=f"{ROOT}/code")),
    "code get": lambda: ml._code.get("diff-code", "1"),
    "online endpoint create": lambda: ml.online_endpoints.begin_create_or_update(ManagedOnlineEndpoint(name="diff-ep", auth_mode="key")).result(),
    "online endpoint get": lambda: ml.online_endpoints.get("diff-ep"),
    "online deployment create": lambda: ml.online_deployments.begin_create_or_update(ManagedOnlineDeployment(
        name="blue", endpoint_name="diff-ep", model="azureml:diff-model:1", instance_type="Standard_DS3_v2", instance_count=1,
        request_settings=OnlineRequestSettings(request_timeout_ms=10000, max_concurrent_requests_per_instance=2),
        liveness_probe=ProbeSettings(initial_delay=15, period=20), readiness_probe=ProbeSettings(failure_threshold=10))).result(),
    "online deployment get": lambda: ml.online_deployments.get("blue", "diff-ep"),
    "online deployment with a script": lambda: ml.online_deployments.begin_create_or_update(ManagedOnlineDeployment(
        name="green", endpoint_name="diff-ep", model="azureml:diff-model:1", instance_type="Standard_DS3_v2", instance_count=1,
        code_configuration=CodeConfiguration(code="azureml:diff-code:1", scoring_script="score.py"), environment="azureml:diff-env:1")).result(),
    "traffic": lambda: update_traffic(),
    "keys": lambda: ml.online_endpoints.get_keys("diff-ep"),
    "regenerate key": lambda: ml.online_endpoints.begin_regenerate_keys("diff-ep", key_type="secondary").result(),
    "invoke": lambda: ml.online_endpoints.invoke("diff-ep", request_file=request_file()),
    "deployment logs": lambda: ml.online_deployments.get_logs("blue", "diff-ep", lines=20),
    "deployment scale": lambda: scale(),
    "compute create": lambda: ml.compute.begin_create_or_update(AmlCompute(name="diff-cpu", size="Standard_DS3_v2", min_instances=0, max_instances=2)).result(),
    "compute get": lambda: ml.compute.get("diff-cpu"),
    "batch endpoint create": lambda: ml.batch_endpoints.begin_create_or_update(BatchEndpoint(name="diff-batch")).result(),
    "batch deployment create": lambda: ml.batch_deployments.begin_create_or_update(BatchDeployment(
        name="mlflow", endpoint_name="diff-batch", model="azureml:diff-model:1", compute="diff-cpu", instance_count=1, mini_batch_size=2,
        max_concurrency_per_instance=2, output_action="append_row", output_file_name="predictions.csv")).result(),
    "batch default deployment": lambda: default_deployment(),
    "batch invoke": lambda: batch_invoke(),
    "job get": lambda: ml.jobs.get(state["job"]),
    "deployment delete": lambda: delete_deployment(),
    "online endpoint delete": lambda: ml.online_endpoints.begin_delete("diff-ep").result(),
    "batch endpoint delete": lambda: ml.batch_endpoints.begin_delete("diff-batch").result(),
    "compute delete": lambda: ml.compute.begin_delete("diff-cpu").result(),
}


def update_traffic():
    endpoint = ml.online_endpoints.get("diff-ep")
    endpoint.traffic = {"blue": 100}
    return ml.online_endpoints.begin_create_or_update(endpoint).result()


def scale():
    deployment = ml.online_deployments.get("blue", "diff-ep")
    deployment.instance_count = 2
    return ml.online_deployments.begin_create_or_update(deployment).result()


def default_deployment():
    endpoint = ml.batch_endpoints.get("diff-batch")
    endpoint.defaults.deployment_name = "mlflow"
    return ml.batch_endpoints.begin_create_or_update(endpoint).result()


def batch_invoke():
    job = ml.batch_endpoints.invoke("diff-batch", input=Input(type=AssetTypes.URI_FOLDER, path=f"{ROOT}/batch"))
    state["job"] = job.name
    return job


def delete_deployment():
    endpoint = ml.online_endpoints.get("diff-ep")
    endpoint.traffic = {"blue": 0}
    ml.online_endpoints.begin_create_or_update(endpoint).result()
    return ml.online_deployments.begin_delete("blue", "diff-ep").result()


def serve():
    # The client prints as it works (azure-ai-ml's pollers print dots); stdout carries only the answers.
    answers = sys.stdout
    sys.stdout = sys.stderr
    print(json.dumps({"ready": True, "steps": list(STEPS)}), file=answers, flush=True)
    for line in sys.stdin:
        name = line.strip()
        if not name:
            continue
        answer = {"step": name}
        try:
            result = STEPS[name]()
            answer["ok"] = True
            answer["job"] = state.get("job")
            if name == "batch invoke":
                answer["result"] = result.name
        except Exception as error:  # the test reports it with the step
            answer["ok"] = False
            answer["error"] = f"{type(error).__name__}: {error}"[:3000]
            answer["trace"] = traceback.format_exc()[-4000:]
        print(json.dumps(answer), file=answers, flush=True)


if __name__ == "__main__":
    serve()
