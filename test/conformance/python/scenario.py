"""Python's official azure-ai-ml MLClient (1.4.0, Debian's python3-azure) against the workspace emulator, unmodified.

Run: python3 scenario.py <connection.json> <report.jsonl> [only]
The connection file is the one `azureml-emulator --connection-file` writes (a workspace config.json, the endpoint and
the certificate to trust). The client is pointed at the emulator the way its own developers point it at a local
service: AZUREML_DEV_URL_MFE for the resource manager, REQUESTS_CA_BUNDLE for the certificate. Nothing in the client
is patched; pydash, which Debian does not package, is replaced by the three functions the client calls (./pydash).

Every operation group of the .NET SDK is walked: workspaces, datastores, models, environments, code, online endpoints
and deployments (key and AML-token auth, no-code and scripted, traffic, mirror traffic, keys, logs, update, scale,
delete), computes, batch endpoints, deployments and jobs, and YAML loaded then created. Steps the client itself cannot
pass against any emulator are in client-limited.md, with the reason.
"""
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)  # the pydash stand-in first

from conformance import check, client_limited, emulator_client, equal, listed, run, step  # noqa: E402

connection_path, report_path = sys.argv[1], sys.argv[2]
only = sys.argv[3] if len(sys.argv) > 3 else None
connection, work, ml = emulator_client(connection_path, "aml-conformance-py-")

from azure.core.exceptions import HttpResponseError, ResourceNotFoundError  # noqa: E402
from azure.ai.ml import Input, load_batch_deployment, load_batch_endpoint, load_environment  # noqa: E402
from azure.ai.ml import load_model, load_online_deployment, load_online_endpoint  # noqa: E402
from azure.ai.ml.constants import AssetTypes  # noqa: E402
from azure.ai.ml.entities import (  # noqa: E402
    AmlCompute,
    BatchDeployment,
    BatchEndpoint,
    BatchRetrySettings,
    CodeConfiguration,
    Environment,
    ManagedOnlineDeployment,
    ManagedOnlineEndpoint,
    Model,
    OnlineRequestSettings,
    ProbeSettings,
)
from azure.ai.ml.entities._assets._artifacts.code import Code  # noqa: E402
from azure.storage.blob import BlobServiceClient  # noqa: E402

RUN = os.environ.get("CONFORMANCE_RUN", str(int(time.time()) % 100000))
MODEL = f"py-diabetes-{RUN}"
ENV = f"py-sklearn-env-{RUN}"
CODE = f"py-score-{RUN}"
ENDPOINT = f"py-key-{RUN}"
TOKEN_ENDPOINT = f"py-token-{RUN}"
YAML_ENDPOINT = f"py-yaml-{RUN}"
COMPUTE = f"py-cpu-{RUN}"
BATCH = f"py-batch-{RUN}"
HELD_BATCH = os.environ.get("CONFORMANCE_HELD_BATCH")  # jobs of this batch endpoint stay queued until cancelled
SAMPLES = os.environ["CONFORMANCE_SAMPLES"]  # the repository's samples/ folder
DATASTORE_ROOT = f"conformance/py-{RUN}"
COLUMNS = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]
IMAGE = "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:latest"
CONDA = {"name": "sklearn", "channels": ["conda-forge"], "dependencies": ["python=3.11", "pip", {"pip": ["scikit-learn", "pandas"]}]}
state = {}
# Where azure-ai-ml 1.4.0 sends blob requests whatever the datastore says (the cloud's storage suffix).
BLOB_HOST = "blob.core.windows.net"


def uri(relative):
    return f"azureml://datastores/workspaceblobstore/paths/{DATASTORE_ROOT}/{relative}"


def expected_predictions():
    with open(os.path.join(SAMPLES, "models", "diabetes-sklearn.expected.json"), encoding="utf-8") as f:
        return json.load(f)


def close(actual, expected, what, tolerance=1e-6):
    equal(len(actual), len(expected), f"{what}: number of predictions")
    for i, (a, e) in enumerate(zip(actual, expected)):
        check(abs(a - e) <= tolerance, f"{what}: prediction {i} is {a}, expected {e}")


def request_file():
    expected = expected_predictions()
    path = os.path.join(work, "request.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"input_data": {"columns": expected["columns"], "index": list(range(len(expected["data"]))), "data": expected["data"]}}, f)
    return path


def wait_until(what, condition, seconds=120):
    deadline = time.monotonic() + seconds
    while True:
        value = condition()
        if value:
            return value
        check(time.monotonic() < deadline, f"{what} did not happen within {seconds} s")
        time.sleep(0.5)


# ---------------------------------------------------------------- workspaces


@step("workspaces", "get the workspace")
def _():
    workspace = ml.workspaces.get(connection["workspace_name"])
    equal(workspace.name, connection["workspace_name"], "name")
    check(workspace.location, "the workspace has a location")
    state["location"] = workspace.location


@step("workspaces", "the discovery url names the emulator")
def _():
    workspace = ml.workspaces.get(connection["workspace_name"])
    check(workspace.discovery_url.startswith(connection["endpoint"].rstrip("/")), f"discovery url {workspace.discovery_url}")
    check(connection["endpoint"].rstrip("/").split("//")[1] in (workspace.mlflow_tracking_uri or ""), f"mlflow tracking uri {workspace.mlflow_tracking_uri}")


@step("workspaces", "list the resource group's workspaces")
def _():
    listed(connection["workspace_name"], (w.name for w in ml.workspaces.list()))


@step("workspaces", "list the subscription's workspaces")
def _():
    listed(connection["workspace_name"], (w.name for w in ml.workspaces.list(scope="subscription")))


@step("workspaces", "keys of the workspace's resources")
def _():
    keys = ml.workspaces.get_keys()
    check(keys.user_storage_key, "a storage key")
    check(keys.container_registry_credentials and keys.container_registry_credentials.passwords, "registry credentials")


@step("workspaces", "resync the keys")
def _():
    ml.workspaces.begin_sync_keys().result()


@step("workspaces", "update the description and tags")
def _():
    workspace = ml.workspaces.get(connection["workspace_name"])
    workspace.description = f"updated by the python suite {RUN}"
    workspace.tags = {"suite": "python"}
    ml.workspaces.begin_update(workspace).result()
    again = ml.workspaces.get(connection["workspace_name"])
    equal(again.description, f"updated by the python suite {RUN}", "description")
    equal(again.tags.get("suite"), "python", "tags")


@step("workspaces", "diagnose")
def _():
    result = ml.workspaces.begin_diagnose(connection["workspace_name"]).result()
    check(result is not None, "a diagnosis")


# ---------------------------------------------------------------- datastores


@step("datastores", "list the datastores")
def _():
    listed("workspaceblobstore", (d.name for d in ml.datastores.list()))


@step("datastores", "get the default datastore")
def _():
    default = ml.datastores.get_default()
    equal(default.name, "workspaceblobstore", "default datastore")
    equal(str(default.type.value if hasattr(default.type, "value") else default.type), "AzureBlob", "type")


@step("datastores", "get a datastore with its secrets")
def _():
    store = ml.datastores.get("workspaceblobstore", include_secrets=True)
    check(store.credentials is not None and getattr(store.credentials, "account_key", None), "an account key")
    state["datastore"] = store


@step("datastores", "upload the sample files with azure-storage-blob")
def _():
    # azure-ai-ml 1.4.0 builds blob URLs from the cloud's storage suffix, never from the datastore (client-limited.md),
    # so files reach the emulator's storage the way any blob client reaches a storage account: by its endpoint.
    store = state["datastore"]
    service = BlobServiceClient(f"{store.protocol}://{store.endpoint}/{store.account_name}", credential=store.credentials.account_key)
    container = service.get_container_client(store.container_name)

    def upload(local, relative):
        with open(local, "rb") as data:
            container.upload_blob(f"{DATASTORE_ROOT}/{relative}", data, overwrite=True)

    for model in ("diabetes-sklearn", "diabetes-linear"):
        folder = os.path.join(SAMPLES, "models", model)
        for name in os.listdir(folder):
            upload(os.path.join(folder, name), f"models/{model}/{name}")
    score = os.path.join(work, "score.py")
    with open(score, "w", encoding="utf-8") as f:
        f.write(
            "import json, os\nimport cloudpickle\nimport pandas as pd\n\n"
            f"COLUMNS = {COLUMNS!r}\n\n"
            "def init():\n    global model\n"
            "    print('init: scoring script loading', sorted(os.listdir(os.environ['AZUREML_MODEL_DIR'])))\n"
            # The model folder is under AZUREML_MODEL_DIR by its own name, as the service mounts it.
            "    with open(os.path.join(os.environ['AZUREML_MODEL_DIR'], 'diabetes-sklearn', 'model.pkl'), 'rb') as f:\n"
            "        model = cloudpickle.load(f)\n\n"
            "def run(raw_data):\n"
            "    data = json.loads(raw_data)['input_data']\n"
            "    return {'scripted': model.predict(pd.DataFrame(data['data'], columns=data['columns'])).tolist()}\n"
        )
    upload(score, "code/score.py")
    csv = os.path.join(SAMPLES, "data", "diabetes-sample.csv")
    upload(csv, "batch/part-1.csv")
    upload(csv, "batch/part-2.csv")
    names = [b.name for b in container.list_blobs(name_starts_with=DATASTORE_ROOT)]
    check(len(names) >= 15, f"uploaded {names}")


@step("datastores", "register, read and delete a blob datastore")
def _():
    from azure.ai.ml.entities import AccountKeyConfiguration, AzureBlobDatastore

    store = state["datastore"]
    container = f"py-extra-{RUN}"
    BlobServiceClient(f"{store.protocol}://{store.endpoint}/{store.account_name}", credential=store.credentials.account_key).create_container(container)
    name = f"py_extra_{RUN}"
    ml.datastores.create_or_update(AzureBlobDatastore(
        name=name, account_name=store.account_name, container_name=container, endpoint=store.endpoint, protocol=store.protocol,
        credentials=AccountKeyConfiguration(account_key=store.credentials.account_key)))
    registered = ml.datastores.get(name, include_secrets=True)
    equal(registered.container_name, container, "container")
    equal(registered.credentials.account_key, store.credentials.account_key, "the account key, from listSecrets")
    check(name in [d.name for d in ml.datastores.list()], "listed")
    ml.datastores.delete(name)
    check(name not in [d.name for d in ml.datastores.list()], "gone after the delete")


# ---------------------------------------------------------------- models


@step("models", "register an MLflow model by datastore URI")
def _():
    model = ml.models.create_or_update(Model(name=MODEL, version="1", type=AssetTypes.MLFLOW_MODEL, path=uri("models/diabetes-sklearn"), description="sklearn", tags={"flavor": "sklearn"}))
    equal(model.version, "1", "version")
    equal(model.type, AssetTypes.MLFLOW_MODEL, "type")
    check(model.path.endswith("models/diabetes-sklearn") or "diabetes-sklearn" in model.path, f"path {model.path}")
    state["model"] = model


@step("models", "register a second version")
def _():
    model = ml.models.create_or_update(Model(name=MODEL, version="2", type=AssetTypes.MLFLOW_MODEL, path=uri("models/diabetes-linear")))
    equal(model.version, "2", "version")


@step("models", "get a version")
def _():
    model = ml.models.get(MODEL, version="1")
    equal(model.tags.get("flavor"), "sklearn", "tags")
    equal(model.description, "sklearn", "description")


@step("models", "get the latest label")
def _():
    equal(ml.models.get(MODEL, label="latest").version, "2", "latest version")


@step("models", "list the containers")
def _():
    check(MODEL in [m.name for m in ml.models.list()], "the model is listed")


@step("models", "list the versions")
def _():
    equal(sorted(m.version for m in ml.models.list(name=MODEL)), ["1", "2"], "versions")


@step("models", "archive and restore a version")
def _():
    from azure.ai.ml._restclient.v2022_10_01.models import ListViewType

    ml.models.archive(MODEL, version="2")
    equal([m.version for m in ml.models.list(name=MODEL)], ["1"], "active versions after archive")
    equal([m.version for m in ml.models.list(name=MODEL, list_view_type=ListViewType.ARCHIVED_ONLY)], ["2"], "archived versions")
    ml.models.restore(MODEL, version="2")
    equal(sorted(m.version for m in ml.models.list(name=MODEL)), ["1", "2"], "versions after restore")


@step("models", "archive and restore the container")
def _():
    ml.models.archive(MODEL)
    check(MODEL not in [m.name for m in ml.models.list()], "an archived container is not listed")
    ml.models.restore(MODEL)
    check(MODEL in [m.name for m in ml.models.list()], "a restored container is listed")


@step("models", "a missing version is ResourceNotFoundError")
def _():
    try:
        ml.models.get(MODEL, version="99")
    except ResourceNotFoundError:
        return
    raise AssertionError("no error")


# ---------------------------------------------------------------- environments


@step("environments", "register an environment from an image and a conda file")
def _():
    env = ml.environments.create_or_update(Environment(name=ENV, version="1", image=IMAGE, conda_file=CONDA, description="scikit-learn"))
    equal(env.version, "1", "version")
    equal(env.image, IMAGE, "image")
    state["environment"] = env


@step("environments", "get, latest and list")
def _():
    env = ml.environments.get(ENV, version="1")
    equal(env.conda_file["dependencies"][0], "python=3.11", "conda file")
    equal(ml.environments.get(ENV, label="latest").version, "1", "latest")
    check(ENV in [e.name for e in ml.environments.list()], "listed")
    equal([e.version for e in ml.environments.list(name=ENV)], ["1"], "versions")


@step("environments", "archive and restore")
def _():
    ml.environments.archive(ENV, version="1")
    equal([e.version for e in ml.environments.list(name=ENV)], [], "active versions after archive")
    ml.environments.restore(ENV, version="1")
    equal([e.version for e in ml.environments.list(name=ENV)], ["1"], "after restore")


# ---------------------------------------------------------------- code


@step("code", "register code by datastore URI")
def _():
    code = ml._code.create_or_update(Code(name=CODE, version="1", path=uri("code")))
    equal(code.version, "1", "version")
    state["code"] = code


@step("code", "get the code version")
def _():
    code = ml._code.get(CODE, "1")
    check("code" in str(code.path), f"path {code.path}")


# ---------------------------------------------------------------- online endpoints


@step("online endpoints", "create a key endpoint")
def _():
    endpoint = ml.online_endpoints.begin_create_or_update(ManagedOnlineEndpoint(name=ENDPOINT, auth_mode="key", tags={"suite": "python"})).result()
    equal(endpoint.provisioning_state, "Succeeded", "state")
    check(endpoint.scoring_uri, "a scoring uri")


@step("online endpoints", "create an AML-token endpoint")
def _():
    endpoint = ml.online_endpoints.begin_create_or_update(ManagedOnlineEndpoint(name=TOKEN_ENDPOINT, auth_mode="aml_token")).result()
    equal(endpoint.auth_mode, "aml_token", "auth mode")


@step("online endpoints", "get and list")
def _():
    endpoint = ml.online_endpoints.get(ENDPOINT)
    equal(endpoint.tags, {"suite": "python"}, "tags")
    names = [e.name for e in ml.online_endpoints.list()]
    listed(ENDPOINT, names)
    listed(TOKEN_ENDPOINT, names)


@step("online endpoints", "keys and their regeneration")
def _():
    keys = ml.online_endpoints.get_keys(ENDPOINT)
    check(keys.primary_key and keys.secondary_key and keys.primary_key != keys.secondary_key, "two keys")
    ml.online_endpoints.begin_regenerate_keys(ENDPOINT, key_type="primary").result()
    again = ml.online_endpoints.get_keys(ENDPOINT)
    check(again.primary_key != keys.primary_key, "a new primary key")
    equal(again.secondary_key, keys.secondary_key, "secondary key")


@step("online endpoints", "an AML token")
def _():
    token = ml.online_endpoints.get_keys(TOKEN_ENDPOINT)
    check(token.access_token and token.expiry_time_utc, "a token with its expiry")


@step("online deployments", "create a no-code MLflow deployment")
def _():
    deployment = ManagedOnlineDeployment(
        name="blue",
        endpoint_name=ENDPOINT,
        model=f"azureml:{MODEL}:1",
        instance_type="Standard_DS3_v2",
        instance_count=1,
        request_settings=OnlineRequestSettings(request_timeout_ms=10000, max_concurrent_requests_per_instance=2),
        liveness_probe=ProbeSettings(initial_delay=15, period=20),
    )
    created = ml.online_deployments.begin_create_or_update(deployment).result()
    equal(created.provisioning_state, "Succeeded", "state")
    equal(created.request_settings.request_timeout_ms, 10000, "request timeout")


@step("online deployments", "get and list")
def _():
    deployment = ml.online_deployments.get("blue", ENDPOINT)
    check(deployment.model.endswith(f"models/{MODEL}/versions/1"), f"model {deployment.model}")
    equal(deployment.instance_count, 1, "instance count")
    equal(deployment.liveness_probe.initial_delay, 15, "liveness initial delay")
    equal([d.name for d in ml.online_deployments.list(ENDPOINT)], ["blue"], "deployments")


@step("online endpoints", "send all traffic to a deployment")
def _():
    endpoint = ml.online_endpoints.get(ENDPOINT)
    endpoint.traffic = {"blue": 100}
    updated = ml.online_endpoints.begin_create_or_update(endpoint).result()
    equal(updated.traffic, {"blue": 100}, "traffic")


@step("online endpoints", "invoke: predictions equal scikit-learn's")
def _():
    answer = json.loads(ml.online_endpoints.invoke(ENDPOINT, request_file=request_file()))
    close(answer, expected_predictions()["predictions"], "no-code deployment")


@step("online deployments", "logs of both containers")
def _():
    server = ml.online_deployments.get_logs("blue", ENDPOINT, lines=50)
    check("blue" in server or "mlflow" in server.lower(), f"inference server log: {server[:300]}")
    init = ml.online_deployments.get_logs("blue", ENDPOINT, lines=50, container_type="storage-initializer")
    check(init.strip(), "storage initializer log")


@step("online deployments", "create a scripted deployment (code by datastore URI, environment)")
def _():
    deployment = ManagedOnlineDeployment(
        name="green",
        endpoint_name=ENDPOINT,
        model=f"azureml:{MODEL}:1",
        instance_type="Standard_DS3_v2",
        instance_count=1,
        code_configuration=CodeConfiguration(code=f"azureml:{CODE}:1", scoring_script="score.py"),
        environment=f"azureml:{ENV}:1",
    )
    created = ml.online_deployments.begin_create_or_update(deployment).result()
    equal(created.provisioning_state, "Succeeded", "state")


@step("online deployments", "a scripted deployment's log names its script")
def _():
    log = ml.online_deployments.get_logs("green", ENDPOINT, lines=200)
    check("score.py" in log, f"log: {log[:600]}")
    check("init: scoring script loading" in log, "what init() printed")


@step("online endpoints", "invoke one deployment by name")
def _():
    try:
        answer = json.loads(ml.online_endpoints.invoke(ENDPOINT, request_file=request_file(), deployment_name="green"))
    finally:
        # 1.4.0 writes the deployment header into a module-level dict it reuses for every later invoke
        # (EndpointInvokeFields.DEFAULT_HEADER), so without this every later call would name 'green'.
        from azure.ai.ml.constants._endpoint import EndpointInvokeFields

        EndpointInvokeFields.DEFAULT_HEADER.pop(EndpointInvokeFields.MODEL_DEPLOYMENT, None)
    close(answer["scripted"], expected_predictions()["predictions"], "scripted deployment")


@step("online endpoints", "mirror traffic")
def _():
    endpoint = ml.online_endpoints.get(ENDPOINT)
    endpoint.mirror_traffic = {"green": 10}
    updated = ml.online_endpoints.begin_create_or_update(endpoint).result()
    equal(updated.mirror_traffic, {"green": 10}, "mirror traffic")
    equal(ml.online_endpoints.get(ENDPOINT).mirror_traffic, {"green": 10}, "read back")


@step("online endpoints", "split traffic")
def _():
    endpoint = ml.online_endpoints.get(ENDPOINT)
    endpoint.mirror_traffic = {}
    endpoint.traffic = {"blue": 70, "green": 30}
    updated = ml.online_endpoints.begin_create_or_update(endpoint).result()
    equal(updated.traffic, {"blue": 70, "green": 30}, "traffic")


@step("online deployments", "update request settings")
def _():
    deployment = ml.online_deployments.get("blue", ENDPOINT)
    deployment.request_settings.request_timeout_ms = 20000
    updated = ml.online_deployments.begin_create_or_update(deployment).result()
    equal(updated.request_settings.request_timeout_ms, 20000, "request timeout")


@step("online deployments", "scale out")
def _():
    deployment = ml.online_deployments.get("blue", ENDPOINT)
    deployment.instance_count = 2
    updated = ml.online_deployments.begin_create_or_update(deployment).result()
    equal(updated.instance_count, 2, "instance count")
    equal(ml.online_deployments.get("blue", ENDPOINT).instance_count, 2, "read back")


@step("online deployments", "a deployment still taking traffic cannot be deleted")
def _():
    try:
        ml.online_deployments.begin_delete("green", ENDPOINT).result()
    except HttpResponseError as error:
        equal(error.status_code, 400, "status")
        return
    raise AssertionError("deleted")


@step("online deployments", "move traffic away, then delete")
def _():
    endpoint = ml.online_endpoints.get(ENDPOINT)
    endpoint.traffic = {"blue": 100, "green": 0}
    ml.online_endpoints.begin_create_or_update(endpoint).result()
    ml.online_deployments.begin_delete("green", ENDPOINT).result()
    equal([d.name for d in ml.online_deployments.list(ENDPOINT)], ["blue"], "deployments")


@step("online endpoints", "invoke an AML-token endpoint")
def _():
    ml.online_deployments.begin_create_or_update(
        ManagedOnlineDeployment(name="only", endpoint_name=TOKEN_ENDPOINT, model=f"azureml:{MODEL}:1", instance_type="Standard_DS2_v2", instance_count=1)
    ).result()
    endpoint = ml.online_endpoints.get(TOKEN_ENDPOINT)
    endpoint.traffic = {"only": 100}
    ml.online_endpoints.begin_create_or_update(endpoint).result()
    answer = json.loads(ml.online_endpoints.invoke(TOKEN_ENDPOINT, request_file=request_file()))
    close(answer, expected_predictions()["predictions"], "token endpoint")


@step("online endpoints", "a missing endpoint is ResourceNotFoundError")
def _():
    try:
        ml.online_endpoints.get(f"missing-{RUN}")
    except ResourceNotFoundError:
        return
    raise AssertionError("no error")


# ---------------------------------------------------------------- computes


@step("computes", "create a cluster")
def _():
    compute = ml.compute.begin_create_or_update(AmlCompute(name=COMPUTE, size="Standard_DS3_v2", min_instances=0, max_instances=2)).result()
    equal(compute.provisioning_state, "Succeeded", "state")


@step("computes", "get and list")
def _():
    compute = ml.compute.get(COMPUTE)
    equal(compute.max_instances, 2, "max instances")
    check(COMPUTE in [c.name for c in ml.compute.list()], "listed")
    check(COMPUTE in [c.name for c in ml.compute.list(compute_type="AmlCompute")], "listed by type")


@step("computes", "list nodes")
def _():
    nodes = list(ml.compute.list_nodes(COMPUTE))
    check(isinstance(nodes, list), "a list")


@step("computes", "list sizes and usage")
def _():
    sizes = [s.name for s in ml.compute.list_sizes()]
    check("Standard_DS3_v2" in sizes, f"sizes {sizes[:10]}")
    usages = list(ml.compute.list_usage())
    check(len(usages) > 0, "usages")


@step("computes", "update the cluster")
def _():
    compute = ml.compute.get(COMPUTE)
    compute.max_instances = 3
    updated = ml.compute.begin_update(compute).result()
    equal(updated.max_instances, 3, "max instances")


# ---------------------------------------------------------------- batch


@step("batch endpoints", "create, get and list")
def _():
    # 1.4.0's poller returns the REST object here, not the entity; the entity comes from get().
    ml.batch_endpoints.begin_create_or_update(BatchEndpoint(name=BATCH, description="python conformance")).result()
    endpoint = ml.batch_endpoints.get(BATCH)
    equal(endpoint.provisioning_state, "Succeeded", "state")
    check(endpoint.scoring_uri, "a scoring uri")
    equal(endpoint.description, "python conformance", "description")
    check(BATCH in [e.name for e in ml.batch_endpoints.list()], "listed")


@step("batch deployments", "create an MLflow deployment")
def _():
    deployment = BatchDeployment(
        name="mlflow",
        endpoint_name=BATCH,
        model=f"azureml:{MODEL}:1",
        compute=COMPUTE,
        instance_count=1,
        max_concurrency_per_instance=2,
        mini_batch_size=1,
        output_action="append_row",
        output_file_name="predictions.csv",
        retry_settings=BatchRetrySettings(max_retries=2, timeout=60),
    )
    ml.batch_deployments.begin_create_or_update(deployment).result()
    created = ml.batch_deployments.get("mlflow", BATCH)  # 1.4.0's batch deployment entity has no provisioning state
    check(created.compute.endswith(COMPUTE), f"compute {created.compute}")
    equal(created.max_concurrency_per_instance, 2, "max concurrency per instance")


@step("batch deployments", "get and list")
def _():
    deployment = ml.batch_deployments.get("mlflow", BATCH)
    equal(deployment.mini_batch_size, 1, "mini batch size")
    equal([d.name for d in ml.batch_deployments.list(BATCH)], ["mlflow"], "deployments")


@step("batch endpoints", "set the default deployment")
def _():
    endpoint = ml.batch_endpoints.get(BATCH)
    endpoint.defaults.deployment_name = "mlflow"
    ml.batch_endpoints.begin_create_or_update(endpoint).result()
    equal(ml.batch_endpoints.get(BATCH).defaults.deployment_name, "mlflow", "default deployment")


@step("batch jobs", "invoke with a datastore folder")
def _():
    job = ml.batch_endpoints.invoke(BATCH, input=Input(type=AssetTypes.URI_FOLDER, path=uri("batch")))
    check(job.name, "a job name")
    state["job"] = job.name


@step("batch jobs", "get the job")
def _():
    job = ml.jobs.get(state["job"])
    equal(job.name, state["job"], "name")
    check(job.status in ("NotStarted", "Queued", "Preparing", "Running", "Finalizing", "Completed"), f"status {job.status}")


@step("batch jobs", "stream the job to its end")
def _():
    ml.jobs.stream(state["job"])
    equal(ml.jobs.get(state["job"]).status, "Completed", "status")


@step("batch jobs", "list the jobs")
def _():
    listed(state["job"], (j.name for j in ml.jobs.list()))


@step("batch jobs", "list the endpoint's jobs")
def _():
    listed(state["job"], (j.name for j in ml.batch_endpoints.list_jobs(BATCH)))


@step("batch jobs", "list the deployment's jobs")
def _():
    listed(state["job"], (j.name for j in ml.batch_deployments.list_jobs(BATCH, name="mlflow")))


@step("batch jobs", "cancel a queued job")
def _():
    check(HELD_BATCH, "the test names a batch endpoint whose jobs it holds (CONFORMANCE_HELD_BATCH)")
    ml.batch_endpoints.begin_create_or_update(BatchEndpoint(name=HELD_BATCH)).result()
    ml.batch_deployments.begin_create_or_update(
        BatchDeployment(name="held", endpoint_name=HELD_BATCH, model=f"azureml:{MODEL}:1", compute=COMPUTE, instance_count=1, mini_batch_size=1)
    ).result()
    try:
        job = ml.batch_endpoints.invoke(HELD_BATCH, deployment_name="held", input=Input(type=AssetTypes.URI_FOLDER, path=uri("batch")))
    finally:
        from azure.ai.ml.constants._endpoint import EndpointInvokeFields

        EndpointInvokeFields.DEFAULT_HEADER.pop(EndpointInvokeFields.MODEL_DEPLOYMENT, None)  # see "invoke one deployment by name"
    ml.jobs.begin_cancel(job.name).result()
    wait_until("the job is canceled", lambda: ml.jobs.get(job.name).status == "Canceled")


@step("batch deployments", "delete the deployment and the endpoint")
def _():
    endpoint = ml.batch_endpoints.get(BATCH)
    endpoint.defaults.deployment_name = None
    ml.batch_deployments.begin_delete("mlflow", BATCH).result()
    ml.batch_endpoints.begin_delete(BATCH).result()
    check(BATCH not in [e.name for e in ml.batch_endpoints.list()], "the endpoint is gone")
    ml.batch_endpoints.begin_delete(HELD_BATCH).result()


# ---------------------------------------------------------------- YAML


def write(name, text):
    path = os.path.join(work, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


@step("yaml", "load then create a model")
def _():
    model = load_model(write("model.yml", f"name: {MODEL}-yaml\nversion: 1\ntype: mlflow_model\npath: {uri('models/diabetes-sklearn')}\n"))
    created = ml.models.create_or_update(model)
    equal(created.type, AssetTypes.MLFLOW_MODEL, "type")


@step("yaml", "load then create an environment")
def _():
    write("conda.yml", "name: yaml-env\ndependencies:\n  - python=3.11\n  - pip\n")
    env = load_environment(write("env.yml", f"name: {ENV}-yaml\nversion: 1\nimage: {IMAGE}\nconda_file: conda.yml\n"))
    equal(ml.environments.create_or_update(env).image, IMAGE, "image")


@step("yaml", "load then create an online endpoint and deployment")
def _():
    endpoint = load_online_endpoint(write("endpoint.yml", f"name: {YAML_ENDPOINT}\nauth_mode: key\n"))
    ml.online_endpoints.begin_create_or_update(endpoint).result()
    deployment = load_online_deployment(write("deployment.yml", "\n".join([
        "name: yaml",
        f"endpoint_name: {YAML_ENDPOINT}",
        f"model: azureml:{MODEL}-yaml:1",
        "instance_type: Standard_DS3_v2",
        "instance_count: 1",
        "request_settings:",
        "  request_timeout_ms: 3000",
        "",
    ])))
    created = ml.online_deployments.begin_create_or_update(deployment).result()
    equal(created.request_settings.request_timeout_ms, 3000, "request timeout")


@step("yaml", "load then create a batch endpoint and deployment")
def _():
    ml.batch_endpoints.begin_create_or_update(load_batch_endpoint(write("batch-endpoint.yml", f"name: {BATCH}-y\n"))).result()
    deployment = load_batch_deployment(write("batch-deployment.yml", "\n".join([
        "name: yaml",
        f"endpoint_name: {BATCH}-y",
        f"model: azureml:{MODEL}-yaml:1",
        f"compute: azureml:{COMPUTE}",
        "mini_batch_size: 5",
        "output_action: append_row",
        "",
    ])))
    ml.batch_deployments.begin_create_or_update(deployment).result()
    equal(ml.batch_deployments.get("yaml", f"{BATCH}-y").mini_batch_size, 5, "mini batch size")
    ml.batch_endpoints.begin_delete(f"{BATCH}-y").result()


# ---------------------------------------------------------------- tear down


@step("online endpoints", "delete the endpoints")
def _():
    for name in (ENDPOINT, TOKEN_ENDPOINT, YAML_ENDPOINT):
        ml.online_endpoints.begin_delete(name).result()
    names = [e.name for e in ml.online_endpoints.list()]
    check(not {ENDPOINT, TOKEN_ENDPOINT, YAML_ENDPOINT} & set(names), f"still listed: {names}")


@step("computes", "delete the cluster")
def _():
    ml.compute.begin_delete(COMPUTE).result()
    check(COMPUTE not in [c.name for c in ml.compute.list()], "the cluster is gone")


# ---------------------------------------------------------------- client-limited (client-limited.md)


@step("client-limited", "register a model from a local folder")
def _():
    client_limited(lambda: ml.models.create_or_update(
        Model(name=f"{MODEL}-local", version="1", type=AssetTypes.MLFLOW_MODEL, path=os.path.join(SAMPLES, "models", "diabetes-linear"))), BLOB_HOST)


@step("client-limited", "download a model")
def _():
    client_limited(lambda: ml.models.download(MODEL, version="1", download_path=os.path.join(work, "download")), BLOB_HOST)


@step("client-limited", "download a batch job's outputs")
def _():
    client_limited(lambda: ml.jobs.download(state["job"], download_path=os.path.join(work, "outputs")), BLOB_HOST)


if __name__ == "__main__":
    sys.exit(1 if run(report_path, only) else 0)
