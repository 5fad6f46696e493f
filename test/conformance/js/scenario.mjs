// The official JavaScript resource-manager client, @azure/arm-machinelearning 2.1.1 (api-version 2022-10-01), against
// the workspace emulator, unmodified.
//
// Run: node scenario.mjs <connection.json> <report.jsonl> [only]
//   CONFORMANCE_NODE_MODULES  the node_modules folder that holds the client (eng/arm-machinelearning/node_modules)
//   CONFORMANCE_SAMPLES       the repository's samples/ folder
//   CONFORMANCE_HELD_BATCH    a batch endpoint name whose jobs the test holds queued, so a cancel can be observed
//   CONFORMANCE_RUN           a suffix that makes this run's resource names unique
//   CONFORMANCE_STEP_SECONDS  how long one step may run before it fails (240 by default)
//   NODE_EXTRA_CA_CERTS       a PEM file of the emulator's certificate (node reads it at start-up only)
//
// The client is pointed at the emulator through its `endpoint` option, as at any sovereign cloud; the credential is a
// fixed token, which the emulator accepts. What the package has no client for is done the way a user of this package
// would do it: the blob uploads with the datastore's account key over the Blob REST API, and the endpoints' scoring
// URIs with fetch. Every operation group is walked: workspaces, datastores, models, environments, code, data, online
// endpoints and deployments, computes, batch endpoints, deployments and jobs.
import { createHmac } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { check, close, equal, run, step } from "./conformance.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const [connectionPath, reportPath, only] = process.argv.slice(2);
if (!connectionPath || !reportPath) {
  console.error("usage: node scenario.mjs <connection.json> <report.jsonl> [only]");
  process.exit(2);
}
const connection = JSON.parse(readFileSync(connectionPath, "utf8"));
const nodeModules = process.env.CONFORMANCE_NODE_MODULES ?? join(here, "..", "..", "..", "eng", "arm-machinelearning", "node_modules");
const SAMPLES = process.env.CONFORMANCE_SAMPLES ?? join(here, "..", "..", "..", "samples");
const HELD_BATCH = process.env.CONFORMANCE_HELD_BATCH;
const RUN = process.env.CONFORMANCE_RUN ?? String(Date.now() % 100000);

// The scenario is not under that node_modules folder, so the package is resolved from a file name inside it.
const require = createRequire(join(nodeModules, "conformance-scenario.cjs"));
const { AzureMachineLearningWorkspaces } = require("@azure/arm-machinelearning");
const clientVersion = require("@azure/arm-machinelearning/package.json").version;

const SUB = connection.subscription_id;
const RG = connection.resource_group;
const WS = connection.workspace_name;
const TOKEN = "conformance";
const credential = { getToken: async () => ({ token: TOKEN, expiresOnTimestamp: Date.now() + 3600_000 }) };
const ml = new AzureMachineLearningWorkspaces(credential, SUB, { endpoint: connection.endpoint });
const poll = { updateIntervalInMs: 50 }; // every begin* call: the default waits 2 s between status reads

const MODEL = `js-diabetes-${RUN}`;
const SCRATCH_MODEL = `js-scratch-model-${RUN}`;
const ENV = `js-sklearn-env-${RUN}`;
const CODE = `js-score-${RUN}`;
const SCRATCH_CODE = `js-scratch-code-${RUN}`;
const DATA = `js-batch-data-${RUN}`;
const ENDPOINT = `js-key-${RUN}`;
const TOKEN_ENDPOINT = `js-token-${RUN}`;
const COMPUTE = `js-cpu-${RUN}`;
const BATCH = `js-batch-${RUN}`;
const ROOT = `conformance/js-${RUN}`;
const IMAGE = "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:latest";
// The service keeps a conda file it was sent as YAML as the equivalent JSON text, so reads compare the structure.
const CONDA_DEFINITION = {
  name: "sklearn",
  channels: ["conda-forge"],
  dependencies: ["python=3.11", "pip", { pip: ["scikit-learn", "pandas", "cloudpickle"] }],
};
const CONDA = [
  "name: sklearn",
  "channels:",
  "  - conda-forge",
  "dependencies:",
  "  - python=3.11",
  "  - pip",
  "  - pip:",
  "      - scikit-learn",
  "      - pandas",
  "      - cloudpickle",
  "",
].join("\n");
const SCORE_PY = `import json
import os

import cloudpickle
import pandas as pd

model = None


def _model_file(root):
    # model.pkl is at the root of AZUREML_MODEL_DIR or, as Azure mounts a model registered from a folder, one folder down.
    for folder, _, files in sorted(os.walk(root)):
        if "model.pkl" in files:
            return os.path.join(folder, "model.pkl")
    raise FileNotFoundError(f"no model.pkl under {root}")


def init():
    global model
    path = _model_file(os.environ["AZUREML_MODEL_DIR"])
    print(f"score.py init: loading {path}")
    with open(path, "rb") as f:
        model = cloudpickle.load(f)


def run(raw_data):
    request = json.loads(raw_data)["input_data"]
    frame = pd.DataFrame(request["data"], columns=request["columns"], index=request.get("index"))
    return {"scripted": [float(p) for p in model.predict(frame)]}
`;

const state = {};

// ---------------------------------------------------------------- helpers

function armId(relative) {
  return `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.MachineLearningServices/workspaces/${WS}${relative}`;
}

function uri(relative) {
  return `azureml://datastores/workspaceblobstore/paths/${ROOT}/${relative}`;
}

async function all(iterable) {
  const items = [];
  for await (const item of iterable) {
    items.push(item);
  }
  return items;
}

async function firstPage(iterable) {
  for await (const page of iterable.byPage()) {
    return page;
  }
  return [];
}

const names = (items) => items.map((item) => item.name);
const sorted = (values) => [...values].sort();

/** Awaits a promise that must reject with an HTTP error of the given status. */
async function fails(promise, status, what) {
  try {
    await promise;
  } catch (error) {
    equal(error.statusCode, status, `${what}: status of ${error.name} '${error.message}'`);
    return error;
  }
  throw new Error(`${what}: no error`);
}

async function waitUntil(what, condition, seconds = 180) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await condition();
    if (value) {
      return value;
    }
    check(Date.now() < deadline, `${what} did not happen within ${seconds} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function location() {
  state.location ??= (await ml.workspaces.get(RG, WS)).location;
  return state.location;
}

function expected() {
  return JSON.parse(readFileSync(join(SAMPLES, "models", "diabetes-sklearn.expected.json"), "utf8"));
}

function scoringRequest() {
  const sample = expected();
  return { input_data: { columns: sample.columns, index: sample.data.map((_, i) => i), data: sample.data } };
}

/** fetch with a JSON body and a JSON answer; any status but 2xx is an error with the answer's text. */
async function fetchJson(url, { method = "POST", headers = {}, body } = {}) {
  const response = await fetch(url, {
    method,
    headers: { ...(body === undefined ? {} : { "Content-Type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} ${url} answered ${response.status}: ${text.slice(0, 1500)}`);
  }
  return text ? JSON.parse(text) : null;
}

// The Blob REST API with Shared Key authorization: the package has no blob client, and api-version 2022-10-01's
// listSecrets takes no body, so a datastore's secret is its account key (never a SAS) for this client's users.
function sharedKeyHeaders(method, url, headers, contentLength) {
  const store = state.store;
  const signed = { ...headers, "x-ms-date": new Date().toUTCString(), "x-ms-version": "2021-08-06" };
  const canonicalHeaders = Object.keys(signed)
    .filter((name) => name.toLowerCase().startsWith("x-ms-"))
    .map((name) => [name.toLowerCase(), String(signed[name]).trim()])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}:${value}\n`)
    .join("");
  const parsed = new URL(url);
  const query = [...new Set([...parsed.searchParams.keys()].map((k) => k.toLowerCase()))].sort();
  const resource = `/${store.accountName}${decodeURIComponent(parsed.pathname)}` + query.map((k) => `\n${k}:${parsed.searchParams.getAll(k).sort().join(",")}`).join("");
  const contentType = signed["Content-Type"] ?? "";
  const stringToSign = [method, "", "", contentLength ? String(contentLength) : "", "", contentType, "", "", "", "", "", ""].join("\n") + "\n" + canonicalHeaders + resource;
  const signature = createHmac("sha256", Buffer.from(store.key, "base64")).update(stringToSign, "utf8").digest("base64");
  return { ...signed, Authorization: `SharedKey ${store.accountName}:${signature}` };
}

function containerUrl() {
  const store = state.store;
  return `${store.protocol}://${store.endpoint}/${store.accountName}/${store.containerName}`;
}

async function uploadBlob(blobPath, content) {
  const url = `${containerUrl()}/${blobPath.split("/").map(encodeURIComponent).join("/")}`;
  const headers = sharedKeyHeaders("PUT", url, { "x-ms-blob-type": "BlockBlob", "Content-Type": "application/octet-stream" }, content.length);
  const response = await fetch(url, { method: "PUT", headers, body: content });
  check(response.status === 201, `PUT ${url} answered ${response.status}: ${(await response.text()).slice(0, 800)}`);
}

async function listBlobs(prefix) {
  const url = `${containerUrl()}?restype=container&comp=list&prefix=${encodeURIComponent(prefix)}`;
  const response = await fetch(url, { headers: sharedKeyHeaders("GET", url, {}, 0) });
  const text = await response.text();
  check(response.status === 200, `GET ${url} answered ${response.status}: ${text.slice(0, 800)}`);
  return [...text.matchAll(/<Name>([^<]*)<\/Name>/g)].map((m) => m[1]);
}

async function endpointWith(name, change) {
  const endpoint = await ml.onlineEndpoints.get(RG, WS, name);
  change(endpoint);
  return ml.onlineEndpoints.beginCreateOrUpdateAndWait(RG, WS, name, endpoint, poll);
}

async function primaryKey(name) {
  return (await ml.onlineEndpoints.listKeys(RG, WS, name)).primaryKey;
}

function managedDeployment(model, extra = {}) {
  return {
    location: state.location,
    sku: { name: "Default", capacity: 1 },
    properties: { endpointComputeType: "Managed", model, instanceType: "Standard_DS3_v2", ...extra },
  };
}

async function invokeOnline(name, token, headers = {}) {
  const endpoint = await ml.onlineEndpoints.get(RG, WS, name);
  return fetchJson(endpoint.properties.scoringUri, { headers: { Authorization: `Bearer ${token}`, ...headers }, body: scoringRequest() });
}

async function invokeBatch(name, headers = {}) {
  const endpoint = await ml.batchEndpoints.get(RG, WS, name);
  const body = { properties: { inputData: { input_data: { jobInputType: "UriFolder", uri: uri("batch") } } } };
  const job = await fetchJson(endpoint.properties.scoringUri, { headers: { Authorization: `Bearer ${TOKEN}`, ...headers }, body });
  check(job && typeof job.name === "string" && job.name, `the invocation's answer names its job: ${JSON.stringify(job)}`);
  return job;
}

const jobStatus = async (name) => (await ml.jobs.get(RG, WS, name)).properties.status;

// ---------------------------------------------------------------- workspaces

step("workspaces", "get the workspace", async () => {
  equal(clientVersion, "2.1.1", "client version");
  const workspace = await ml.workspaces.get(RG, WS);
  equal(workspace.name, WS, "name");
  equal(workspace.id, armId(""), "id");
  check(typeof workspace.location === "string" && workspace.location, "the workspace has a location");
  state.location = workspace.location;
});

step("workspaces", "list the resource group's workspaces", async () => {
  const listed = names(await all(ml.workspaces.listByResourceGroup(RG)));
  check(listed.includes(WS), `listed ${JSON.stringify(listed)}`);
});

step("workspaces", "list the subscription's workspaces", async () => {
  const listed = await all(ml.workspaces.listBySubscription());
  check(listed.some((w) => w.id === armId("")), `listed ${JSON.stringify(names(listed))}`);
});

step("workspaces", "the keys of the workspace's resources", async () => {
  const keys = await ml.workspaces.listKeys(RG, WS);
  check(typeof keys.userStorageKey === "string" && keys.userStorageKey, "a storage key");
  check(keys.containerRegistryCredentials?.passwords?.length > 0, "registry passwords");
  equal((await ml.workspaces.listStorageAccountKeys(RG, WS)).userStorageKey, keys.userStorageKey, "the storage account's key");
});

step("workspaces", "resync the keys", async () => {
  await ml.workspaces.beginResyncKeysAndWait(RG, WS, poll);
});

step("workspaces", "update the description and tags with PATCH", async () => {
  const updated = await ml.workspaces.beginUpdateAndWait(RG, WS, { tags: { suite: "js" }, description: `updated by the js suite ${RUN}` }, poll);
  equal(updated.tags, { suite: "js" }, "tags in the answer");
  equal((await ml.workspaces.get(RG, WS)).description, `updated by the js suite ${RUN}`, "description read back");
});

step("workspaces", "diagnose", async () => {
  const diagnosis = await ml.workspaces.beginDiagnoseAndWait(RG, WS, { ...poll, parameters: { value: {} } });
  check(Array.isArray(diagnosis.value?.storageAccountResults), `a diagnosis: ${JSON.stringify(diagnosis)}`);
});

step("workspaces", "the outbound network dependencies", async () => {
  const dependencies = await ml.workspaces.listOutboundNetworkDependenciesEndpoints(RG, WS);
  check(Array.isArray(dependencies.value), "a list");
});

// ---------------------------------------------------------------- datastores

step("datastores", "list the datastores", async () => {
  const stores = await all(ml.datastores.list(RG, WS));
  const blobstore = stores.find((d) => d.name === "workspaceblobstore");
  check(blobstore, `listed ${JSON.stringify(names(stores))}`);
  equal(blobstore.properties.isDefault, true, "workspaceblobstore is the default");
});

step("datastores", "list only the default datastore", async () => {
  equal(names(await all(ml.datastores.list(RG, WS, { isDefault: true }))), ["workspaceblobstore"], "default datastores");
});

step("datastores", "get the default datastore", async () => {
  const store = await ml.datastores.get(RG, WS, "workspaceblobstore");
  equal(store.properties.datastoreType, "AzureBlob", "datastore type");
  equal(store.properties.isDefault, true, "is default");
  for (const field of ["accountName", "containerName", "endpoint", "protocol"]) {
    check(typeof store.properties[field] === "string" && store.properties[field], `the datastore has ${field}`);
  }
  equal(store.properties.credentials?.credentialsType, "AccountKey", "credentials type");
  state.store = { ...store.properties };
});

step("datastores", "list the default datastore's secrets", async () => {
  check(state.store, "the datastore was read");
  const secrets = await ml.datastores.listSecrets(RG, WS, "workspaceblobstore");
  equal(secrets.secretsType, "AccountKey", "secrets type");
  check(typeof secrets.key === "string" && Buffer.from(secrets.key, "base64").length >= 32, "an account key");
  state.store.key = secrets.key;
});

step("datastores", "upload the sample files to the datastore's container", async () => {
  check(state.store?.key, "the datastore and its key were read");
  const expectedNames = [];
  const put = async (relative, content) => {
    await uploadBlob(`${ROOT}/${relative}`, content);
    expectedNames.push(`${ROOT}/${relative}`);
  };
  for (const model of ["diabetes-sklearn", "diabetes-linear"]) {
    const folder = join(SAMPLES, "models", model);
    for (const file of readdirSync(folder)) {
      await put(`models/${model}/${file}`, readFileSync(join(folder, file)));
    }
  }
  await put("code/score.py", Buffer.from(SCORE_PY, "utf8"));
  const csv = readFileSync(join(SAMPLES, "data", "diabetes-sample.csv"));
  await put("batch/part-1.csv", csv);
  await put("batch/part-2.csv", csv);
  equal(sorted(await listBlobs(`${ROOT}/`)), sorted(expectedNames), "blobs in the container");
});

step("datastores", "register, read and delete a blob datastore", async () => {
  check(state.store?.key, "the datastore and its key were read");
  const container = `js-extra-${RUN}`;
  const url = `${state.store.protocol}://${state.store.endpoint}/${state.store.accountName}/${container}?restype=container`;
  const created = await fetch(url, { method: "PUT", headers: sharedKeyHeaders("PUT", url, {}, 0) });
  check(created.status === 201, `the container was created (${created.status})`);
  const name = `js_extra_${RUN}`;
  const registered = await ml.datastores.createOrUpdate(RG, WS, name, {
    properties: {
      datastoreType: "AzureBlob",
      accountName: state.store.accountName,
      containerName: container,
      endpoint: state.store.endpoint,
      protocol: state.store.protocol,
      credentials: { credentialsType: "AccountKey", secrets: { secretsType: "AccountKey", key: state.store.key } },
    },
  });
  equal(registered.properties.containerName, container, "container");
  check(registered.properties.credentials.secrets === undefined, "the answer carries no secret");
  equal((await ml.datastores.listSecrets(RG, WS, name)).key, state.store.key, "the account key, from listSecrets");
  check(names(await all(ml.datastores.list(RG, WS))).includes(name), "listed");
  await ml.datastores.delete(RG, WS, name);
  check(!names(await all(ml.datastores.list(RG, WS))).includes(name), "gone after the delete");
});

// ---------------------------------------------------------------- models

step("models", "create a model container", async () => {
  const container = await ml.modelContainers.createOrUpdate(RG, WS, MODEL, { properties: { description: "diabetes regression", tags: { suite: "js" } } });
  equal(container.name, MODEL, "name");
  equal(container.properties.description, "diabetes regression", "description");
  equal(container.properties.tags, { suite: "js" }, "tags");
});

step("models", "register an MLflow model version by datastore URI", async () => {
  const version = await ml.modelVersions.createOrUpdate(RG, WS, MODEL, "1", {
    properties: { modelType: "mlflow_model", modelUri: uri("models/diabetes-sklearn"), description: "sklearn", tags: { flavor: "sklearn" } },
  });
  equal(version.name, "1", "version");
  equal(version.id, armId(`/models/${MODEL}/versions/1`), "id");
  equal(version.properties.modelType, "mlflow_model", "model type");
  equal(version.properties.modelUri, uri("models/diabetes-sklearn"), "model uri");
});

step("models", "register a second version", async () => {
  const version = await ml.modelVersions.createOrUpdate(RG, WS, MODEL, "2", {
    properties: { modelType: "mlflow_model", modelUri: uri("models/diabetes-linear"), description: "linear" },
  });
  equal(version.name, "2", "version");
  equal(version.properties.modelUri, uri("models/diabetes-linear"), "model uri");
});

step("models", "get a version", async () => {
  const version = await ml.modelVersions.get(RG, WS, MODEL, "1");
  equal(version.properties.description, "sklearn", "description");
  equal(version.properties.tags, { flavor: "sklearn" }, "tags");
  equal(version.properties.modelType, "mlflow_model", "model type");
  equal(version.properties.modelUri, uri("models/diabetes-sklearn"), "model uri");
  equal(version.properties.isArchived, false, "archived");
});

step("models", "get the container with its latest version", async () => {
  const container = await ml.modelContainers.get(RG, WS, MODEL);
  equal(container.properties.latestVersion, "2", "latest version");
  equal(container.properties.description, "diabetes regression", "description");
});

step("models", "list the containers", async () => {
  const listed = names(await all(ml.modelContainers.list(RG, WS)));
  check(listed.includes(MODEL), `listed ${JSON.stringify(listed)}`);
});

step("models", "list the versions", async () => {
  equal(sorted(names(await all(ml.modelVersions.list(RG, WS, MODEL)))), ["1", "2"], "versions");
});

step("models", "list the versions with listViewType, orderBy and top", async () => {
  const page = await firstPage(ml.modelVersions.list(RG, WS, MODEL, { listViewType: "All", orderBy: "createdtime desc", top: 1 }));
  equal(names(page), ["2"], "the first page of the newest-first versions, one at most");
  const oldest = await firstPage(ml.modelVersions.list(RG, WS, MODEL, { listViewType: "All", orderBy: "createdtime asc", top: 1 }));
  equal(names(oldest), ["1"], "the first page of the oldest-first versions, one at most");
});

step("models", "archive and restore a version", async () => {
  const version = await ml.modelVersions.get(RG, WS, MODEL, "2");
  version.properties.isArchived = true;
  const archived = await ml.modelVersions.createOrUpdate(RG, WS, MODEL, "2", version);
  equal(archived.properties.isArchived, true, "archived in the answer");
  equal(names(await all(ml.modelVersions.list(RG, WS, MODEL))), ["1"], "active versions after archiving");
  equal(names(await all(ml.modelVersions.list(RG, WS, MODEL, { listViewType: "ArchivedOnly" }))), ["2"], "archived versions");
  equal(sorted(names(await all(ml.modelVersions.list(RG, WS, MODEL, { listViewType: "All" })))), ["1", "2"], "all versions");
  version.properties.isArchived = false;
  await ml.modelVersions.createOrUpdate(RG, WS, MODEL, "2", version);
  equal((await ml.modelVersions.get(RG, WS, MODEL, "2")).properties.isArchived, false, "archived after restoring");
  equal(sorted(names(await all(ml.modelVersions.list(RG, WS, MODEL)))), ["1", "2"], "active versions after restoring");
});

step("models", "archive and restore the container", async () => {
  const container = await ml.modelContainers.get(RG, WS, MODEL);
  container.properties.isArchived = true;
  await ml.modelContainers.createOrUpdate(RG, WS, MODEL, container);
  check(!names(await all(ml.modelContainers.list(RG, WS))).includes(MODEL), "an archived container is not listed");
  check(names(await all(ml.modelContainers.list(RG, WS, { listViewType: "ArchivedOnly" }))).includes(MODEL), "an archived container is listed as archived");
  container.properties.isArchived = false;
  await ml.modelContainers.createOrUpdate(RG, WS, MODEL, container);
  check(names(await all(ml.modelContainers.list(RG, WS))).includes(MODEL), "a restored container is listed");
});

step("models", "a missing version is a 404", async () => {
  await fails(ml.modelVersions.get(RG, WS, MODEL, "99"), 404, "get version 99");
});

step("models", "delete a version", async () => {
  await ml.modelContainers.createOrUpdate(RG, WS, SCRATCH_MODEL, { properties: { description: "deleted by the scenario" } });
  for (const version of ["1", "2"]) {
    await ml.modelVersions.createOrUpdate(RG, WS, SCRATCH_MODEL, version, { properties: { modelType: "mlflow_model", modelUri: uri("models/diabetes-linear") } });
  }
  await ml.modelVersions.delete(RG, WS, SCRATCH_MODEL, "2");
  await fails(ml.modelVersions.get(RG, WS, SCRATCH_MODEL, "2"), 404, "get the deleted version");
  equal(names(await all(ml.modelVersions.list(RG, WS, SCRATCH_MODEL, { listViewType: "All" }))), ["1"], "versions left");
});

step("models", "delete a container", async () => {
  await ml.modelContainers.delete(RG, WS, SCRATCH_MODEL);
  await fails(ml.modelContainers.get(RG, WS, SCRATCH_MODEL), 404, "get the deleted container");
  check(!names(await all(ml.modelContainers.list(RG, WS, { listViewType: "All" }))).includes(SCRATCH_MODEL), "the deleted container is not listed");
});

// ---------------------------------------------------------------- environments

step("environments", "create an environment container", async () => {
  const container = await ml.environmentContainers.createOrUpdate(RG, WS, ENV, { properties: { description: "scikit-learn", tags: { suite: "js" } } });
  equal(container.name, ENV, "name");
  equal(container.properties.description, "scikit-learn", "description");
});

step("environments", "register a version from an image and a conda file", async () => {
  const version = await ml.environmentVersions.createOrUpdate(RG, WS, ENV, "1", { properties: { image: IMAGE, condaFile: CONDA, description: "scikit-learn on Ubuntu 22.04" } });
  equal(version.name, "1", "version");
  equal(version.id, armId(`/environments/${ENV}/versions/1`), "id");
  equal(version.properties.image, IMAGE, "image");
  equal(version.properties.environmentType, "UserCreated", "environment type");
});

step("environments", "get a version", async () => {
  const version = await ml.environmentVersions.get(RG, WS, ENV, "1");
  equal(version.properties.image, IMAGE, "image");
  const conda = version.properties.condaFile;
  if (conda !== CONDA) {
    let parsed;
    try {
      parsed = JSON.parse(conda);
    } catch {
      parsed = conda;
    }
    equal(parsed, CONDA_DEFINITION, "conda file (as the YAML sent or its JSON equivalent)");
  }
  equal(version.properties.description, "scikit-learn on Ubuntu 22.04", "description");
});

step("environments", "list the containers and versions", async () => {
  const containers = await all(ml.environmentContainers.list(RG, WS));
  check(names(containers).includes(ENV), `listed ${JSON.stringify(names(containers))}`);
  equal(containers.find((c) => c.name === ENV).properties.latestVersion, "1", "latest version");
  equal(names(await all(ml.environmentVersions.list(RG, WS, ENV))), ["1"], "versions");
  equal(names(await firstPage(ml.environmentVersions.list(RG, WS, ENV, { orderBy: "createdtime desc", top: 1, listViewType: "All" }))), ["1"], "newest version");
});

step("environments", "archive and restore a version", async () => {
  const version = await ml.environmentVersions.get(RG, WS, ENV, "1");
  version.properties.isArchived = true;
  await ml.environmentVersions.createOrUpdate(RG, WS, ENV, "1", version);
  equal(names(await all(ml.environmentVersions.list(RG, WS, ENV))), [], "active versions after archiving");
  equal(names(await all(ml.environmentVersions.list(RG, WS, ENV, { listViewType: "ArchivedOnly" }))), ["1"], "archived versions");
  version.properties.isArchived = false;
  await ml.environmentVersions.createOrUpdate(RG, WS, ENV, "1", version);
  equal(names(await all(ml.environmentVersions.list(RG, WS, ENV))), ["1"], "active versions after restoring");
});

step("environments", "delete a version", async () => {
  await ml.environmentVersions.createOrUpdate(RG, WS, ENV, "2", { properties: { image: IMAGE } });
  await ml.environmentVersions.delete(RG, WS, ENV, "2");
  await fails(ml.environmentVersions.get(RG, WS, ENV, "2"), 404, "get the deleted version");
  equal(names(await all(ml.environmentVersions.list(RG, WS, ENV, { listViewType: "All" }))), ["1"], "versions left");
});

// ---------------------------------------------------------------- code

step("code", "create a code container", async () => {
  const container = await ml.codeContainers.createOrUpdate(RG, WS, CODE, { properties: { description: "scoring script" } });
  equal(container.name, CODE, "name");
  equal(container.properties.description, "scoring script", "description");
});

step("code", "register a code version by datastore URI", async () => {
  const version = await ml.codeVersions.createOrUpdate(RG, WS, CODE, "1", { properties: { codeUri: uri("code"), description: "score.py" } });
  equal(version.name, "1", "version");
  equal(version.id, armId(`/codes/${CODE}/versions/1`), "id");
  equal(version.properties.codeUri, uri("code"), "code uri");
});

step("code", "get a version", async () => {
  const version = await ml.codeVersions.get(RG, WS, CODE, "1");
  equal(version.properties.codeUri, uri("code"), "code uri");
  equal(version.properties.description, "score.py", "description");
});

step("code", "list the containers and versions", async () => {
  const containers = names(await all(ml.codeContainers.list(RG, WS)));
  check(containers.includes(CODE), `listed ${JSON.stringify(containers)}`);
  equal(names(await all(ml.codeVersions.list(RG, WS, CODE))), ["1"], "versions");
});

step("code", "delete a version", async () => {
  for (const version of ["1", "2"]) {
    await ml.codeVersions.createOrUpdate(RG, WS, SCRATCH_CODE, version, { properties: { codeUri: uri("code") } });
  }
  await ml.codeVersions.delete(RG, WS, SCRATCH_CODE, "2");
  await fails(ml.codeVersions.get(RG, WS, SCRATCH_CODE, "2"), 404, "get the deleted version");
  equal(names(await all(ml.codeVersions.list(RG, WS, SCRATCH_CODE))), ["1"], "versions left");
});

step("code", "delete a container", async () => {
  await ml.codeContainers.delete(RG, WS, SCRATCH_CODE);
  await fails(ml.codeContainers.get(RG, WS, SCRATCH_CODE), 404, "get the deleted container");
  check(!names(await all(ml.codeContainers.list(RG, WS))).includes(SCRATCH_CODE), "the deleted container is not listed");
});

// ---------------------------------------------------------------- data

step("data", "create a data container", async () => {
  const container = await ml.dataContainers.createOrUpdate(RG, WS, DATA, { properties: { dataType: "uri_folder", description: "two CSV files" } });
  equal(container.name, DATA, "name");
  equal(container.properties.dataType, "uri_folder", "data type");
  equal(container.properties.description, "two CSV files", "description");
});

step("data", "register a uri_folder version", async () => {
  const version = await ml.dataVersions.createOrUpdate(RG, WS, DATA, "1", { properties: { dataType: "uri_folder", dataUri: uri("batch"), tags: { format: "csv" } } });
  equal(version.name, "1", "version");
  equal(version.id, armId(`/data/${DATA}/versions/1`), "id");
  equal(version.properties.dataType, "uri_folder", "data type");
  equal(version.properties.dataUri, uri("batch"), "data uri");
});

step("data", "get the container and the version", async () => {
  equal((await ml.dataContainers.get(RG, WS, DATA)).properties.description, "two CSV files", "container description");
  const version = await ml.dataVersions.get(RG, WS, DATA, "1");
  equal(version.properties.dataType, "uri_folder", "data type");
  equal(version.properties.dataUri, uri("batch"), "data uri");
  equal(version.properties.tags, { format: "csv" }, "tags");
});

step("data", "list the containers and versions", async () => {
  const containers = names(await all(ml.dataContainers.list(RG, WS)));
  check(containers.includes(DATA), `listed ${JSON.stringify(containers)}`);
  equal(names(await all(ml.dataVersions.list(RG, WS, DATA))), ["1"], "versions");
});

step("data", "delete the version", async () => {
  await ml.dataVersions.delete(RG, WS, DATA, "1");
  await fails(ml.dataVersions.get(RG, WS, DATA, "1"), 404, "get the deleted version");
  equal(names(await all(ml.dataVersions.list(RG, WS, DATA, { listViewType: "All" }))), [], "versions left");
});

step("data", "delete the container", async () => {
  await ml.dataContainers.delete(RG, WS, DATA);
  await fails(ml.dataContainers.get(RG, WS, DATA), 404, "get the deleted container");
});

// ---------------------------------------------------------------- online endpoints

step("online endpoints", "create a key endpoint", async () => {
  const endpoint = await ml.onlineEndpoints.beginCreateOrUpdateAndWait(RG, WS, ENDPOINT, {
    location: await location(),
    tags: { suite: "js" },
    properties: { authMode: "Key", description: "key auth" },
  }, poll);
  equal(endpoint.name, ENDPOINT, "name");
  equal(endpoint.properties.provisioningState, "Succeeded", "provisioning state");
  equal(endpoint.properties.authMode, "Key", "auth mode");
  check(/^https?:\/\//.test(endpoint.properties.scoringUri ?? ""), `scoring uri ${endpoint.properties.scoringUri}`);
});

step("online endpoints", "create an AMLToken endpoint", async () => {
  const endpoint = await ml.onlineEndpoints.beginCreateOrUpdateAndWait(RG, WS, TOKEN_ENDPOINT, {
    location: await location(),
    properties: { authMode: "AMLToken" },
  }, poll);
  equal(endpoint.properties.provisioningState, "Succeeded", "provisioning state");
  equal(endpoint.properties.authMode, "AMLToken", "auth mode");
});

step("online endpoints", "get an endpoint", async () => {
  const endpoint = await ml.onlineEndpoints.get(RG, WS, ENDPOINT);
  equal(endpoint.id, armId(`/onlineEndpoints/${ENDPOINT}`), "id");
  equal(endpoint.location, await location(), "location");
  equal(endpoint.tags, { suite: "js" }, "tags");
  equal(endpoint.properties.description, "key auth", "description");
  equal(endpoint.properties.authMode, "Key", "auth mode");
});

step("online endpoints", "list the endpoints", async () => {
  const listed = names(await all(ml.onlineEndpoints.list(RG, WS)));
  check(listed.includes(ENDPOINT) && listed.includes(TOKEN_ENDPOINT), `listed ${JSON.stringify(listed)}`);
});

step("online endpoints", "list the keys", async () => {
  const keys = await ml.onlineEndpoints.listKeys(RG, WS, ENDPOINT);
  check(keys.primaryKey && keys.secondaryKey, `two keys: ${JSON.stringify(Object.keys(keys))}`);
  check(keys.primaryKey !== keys.secondaryKey, "the keys differ");
  state.keys = keys;
});

step("online endpoints", "regenerate the primary key", async () => {
  const before = await ml.onlineEndpoints.listKeys(RG, WS, ENDPOINT);
  await ml.onlineEndpoints.beginRegenerateKeysAndWait(RG, WS, ENDPOINT, { keyType: "Primary" }, poll);
  const after = await ml.onlineEndpoints.listKeys(RG, WS, ENDPOINT);
  check(after.primaryKey && after.primaryKey !== before.primaryKey, "a new primary key");
  equal(after.secondaryKey, before.secondaryKey, "secondary key");
});

step("online endpoints", "get a token for the AMLToken endpoint", async () => {
  const token = await ml.onlineEndpoints.getToken(RG, WS, TOKEN_ENDPOINT);
  check(typeof token.accessToken === "string" && token.accessToken.length > 10, "an access token");
  check(typeof token.expiryTimeUtc === "number" && token.expiryTimeUtc * 1000 > Date.now(), `expiry ${token.expiryTimeUtc} is in the future`);
  check(typeof token.refreshAfterTimeUtc === "number" && token.refreshAfterTimeUtc <= token.expiryTimeUtc, `refresh after ${token.refreshAfterTimeUtc}`);
});

step("online endpoints", "a key endpoint gives no token", async () => {
  await fails(ml.onlineEndpoints.getToken(RG, WS, ENDPOINT), 400, "getToken on a key endpoint");
});

step("online endpoints", "update the tags with PATCH", async () => {
  const updated = await ml.onlineEndpoints.beginUpdateAndWait(RG, WS, ENDPOINT, { tags: { suite: "js", stage: "patched" } }, poll);
  equal(updated.tags, { suite: "js", stage: "patched" }, "tags in the answer");
  const endpoint = await ml.onlineEndpoints.get(RG, WS, ENDPOINT);
  equal(endpoint.tags, { suite: "js", stage: "patched" }, "tags read back");
  equal(endpoint.properties.authMode, "Key", "auth mode kept");
});

step("online endpoints", "a missing endpoint is a 404", async () => {
  await fails(ml.onlineEndpoints.get(RG, WS, `js-missing-${RUN}`), 404, "get a missing endpoint");
});

// ---------------------------------------------------------------- online deployments

step("online deployments", "create a no-code managed deployment", async () => {
  await location();
  const deployment = await ml.onlineDeployments.beginCreateOrUpdateAndWait(RG, WS, ENDPOINT, "blue", managedDeployment(armId(`/models/${MODEL}/versions/1`), {
    requestSettings: { requestTimeout: "PT10S", maxConcurrentRequestsPerInstance: 2 },
  }), poll);
  equal(deployment.name, "blue", "name");
  equal(deployment.properties.provisioningState, "Succeeded", "provisioning state");
  equal(deployment.properties.endpointComputeType, "Managed", "compute type");
  equal(deployment.sku?.capacity, 1, "sku capacity");
});

step("online deployments", "get a deployment", async () => {
  const deployment = await ml.onlineDeployments.get(RG, WS, ENDPOINT, "blue");
  equal(deployment.id, armId(`/onlineEndpoints/${ENDPOINT}/deployments/blue`), "id");
  equal(deployment.properties.model, armId(`/models/${MODEL}/versions/1`), "model");
  equal(deployment.properties.instanceType, "Standard_DS3_v2", "instance type");
  equal(deployment.properties.requestSettings?.maxConcurrentRequestsPerInstance, 2, "max concurrent requests");
  equal(deployment.sku?.name, "Default", "sku name");
  equal(deployment.sku?.capacity, 1, "sku capacity");
});

step("online deployments", "list the deployments", async () => {
  equal(names(await all(ml.onlineDeployments.list(RG, WS, ENDPOINT))), ["blue"], "deployments");
});

step("online deployments", "get the inference server logs", async () => {
  const logs = await ml.onlineDeployments.getLogs(RG, WS, ENDPOINT, "blue", { containerType: "InferenceServer", tail: 50 });
  check(typeof logs.content === "string" && logs.content.trim(), "inference server log content");
  check(logs.content.trimEnd().split("\n").length <= 50, "no more lines than the tail asked for");
});

step("online deployments", "get the storage initializer logs", async () => {
  const logs = await ml.onlineDeployments.getLogs(RG, WS, ENDPOINT, "blue", { containerType: "StorageInitializer", tail: 50 });
  check(typeof logs.content === "string" && logs.content.trim(), "storage initializer log content");
});

step("online deployments", "list the deployment's skus", async () => {
  const skus = await all(ml.onlineDeployments.listSkus(RG, WS, ENDPOINT, "blue"));
  check(skus.length > 0, "at least one sku");
  const sku = skus.find((s) => s.sku?.name === "Default");
  check(sku, `the Default sku is listed: ${JSON.stringify(skus)}`);
  check(sku.capacity && sku.capacity.minimum <= 1 && sku.capacity.maximum >= 2, `capacity ${JSON.stringify(sku.capacity)}`);
});

step("online deployments", "scale with PATCH", async () => {
  const updated = await ml.onlineDeployments.beginUpdateAndWait(RG, WS, ENDPOINT, "blue", { sku: { capacity: 2 } }, poll);
  equal(updated.sku?.capacity, 2, "sku capacity in the answer");
  const deployment = await ml.onlineDeployments.get(RG, WS, ENDPOINT, "blue");
  equal(deployment.sku?.capacity, 2, "sku capacity read back");
  equal(deployment.properties.model, armId(`/models/${MODEL}/versions/1`), "model kept");
});

step("online endpoints", "send all traffic to a deployment", async () => {
  const updated = await endpointWith(ENDPOINT, (e) => { e.properties.traffic = { blue: 100 }; });
  equal(updated.properties.traffic, { blue: 100 }, "traffic in the answer");
  equal(updated.location, await location(), "location in the answer");
  equal((await ml.onlineEndpoints.get(RG, WS, ENDPOINT)).properties.traffic, { blue: 100 }, "traffic read back");
});

step("online endpoints", "invoke with the primary key: predictions equal scikit-learn's", async () => {
  const answer = await invokeOnline(ENDPOINT, await primaryKey(ENDPOINT));
  close(answer, expected().predictions, "no-code deployment");
});

step("online endpoints", "a wrong key is refused", async () => {
  const endpoint = await ml.onlineEndpoints.get(RG, WS, ENDPOINT);
  const response = await fetch(endpoint.properties.scoringUri, {
    method: "POST",
    headers: { Authorization: "Bearer not-a-key", "Content-Type": "application/json" },
    body: JSON.stringify(scoringRequest()),
  });
  equal(response.status, 401, "status");
});

step("online deployments", "create a scripted deployment", async () => {
  await location();
  const deployment = await ml.onlineDeployments.beginCreateOrUpdateAndWait(RG, WS, ENDPOINT, "green", managedDeployment(armId(`/models/${MODEL}/versions/1`), {
    codeConfiguration: { codeId: armId(`/codes/${CODE}/versions/1`), scoringScript: "score.py" },
    environmentId: armId(`/environments/${ENV}/versions/1`),
  }), poll);
  equal(deployment.properties.provisioningState, "Succeeded", "provisioning state");
  equal(deployment.properties.codeConfiguration, { codeId: armId(`/codes/${CODE}/versions/1`), scoringScript: "score.py" }, "code configuration");
  equal(deployment.properties.environmentId, armId(`/environments/${ENV}/versions/1`), "environment");
  equal(sorted(names(await all(ml.onlineDeployments.list(RG, WS, ENDPOINT)))), ["blue", "green"], "deployments");
});

step("online endpoints", "invoke the scripted deployment by name", async () => {
  const answer = await invokeOnline(ENDPOINT, await primaryKey(ENDPOINT), { "azureml-model-deployment": "green" });
  check(answer && typeof answer === "object" && !Array.isArray(answer), `an object answer: ${JSON.stringify(answer)?.slice(0, 300)}`);
  close(answer.scripted, expected().predictions, "scripted deployment");
});

step("online endpoints", "mirror traffic", async () => {
  // Written as a user of this package would: mirrorTraffic is not in 2.1.1's OnlineEndpointProperties, so it is set on
  // the properties object the client sends.
  const updated = await endpointWith(ENDPOINT, (e) => { e.properties.mirrorTraffic = { green: 10 }; });
  equal(updated.properties.mirrorTraffic, { green: 10 }, "mirror traffic in the answer");
  equal((await ml.onlineEndpoints.get(RG, WS, ENDPOINT)).properties.mirrorTraffic, { green: 10 }, "mirror traffic read back");
});

step("online endpoints", "split traffic", async () => {
  const updated = await endpointWith(ENDPOINT, (e) => { e.properties.traffic = { blue: 70, green: 30 }; });
  equal(updated.properties.traffic, { blue: 70, green: 30 }, "traffic in the answer");
  equal((await ml.onlineEndpoints.get(RG, WS, ENDPOINT)).properties.traffic, { blue: 70, green: 30 }, "traffic read back");
});

step("online deployments", "a deployment taking traffic cannot be deleted", async () => {
  await fails(ml.onlineDeployments.beginDeleteAndWait(RG, WS, ENDPOINT, "green", poll), 400, "delete green while it takes 30%");
  check(names(await all(ml.onlineDeployments.list(RG, WS, ENDPOINT))).includes("green"), "green is still there");
});

step("online deployments", "create a deployment on the AMLToken endpoint", async () => {
  await location();
  const deployment = await ml.onlineDeployments.beginCreateOrUpdateAndWait(RG, WS, TOKEN_ENDPOINT, "only", managedDeployment(armId(`/models/${MODEL}/versions/1`)), poll);
  equal(deployment.properties.provisioningState, "Succeeded", "provisioning state");
  const endpoint = await endpointWith(TOKEN_ENDPOINT, (e) => { e.properties.traffic = { only: 100 }; });
  equal(endpoint.properties.traffic, { only: 100 }, "traffic");
});

step("online endpoints", "invoke the AMLToken endpoint with its token", async () => {
  const token = await ml.onlineEndpoints.getToken(RG, WS, TOKEN_ENDPOINT);
  close(await invokeOnline(TOKEN_ENDPOINT, token.accessToken), expected().predictions, "AMLToken endpoint");
});

step("online deployments", "move traffic away, then delete the deployments", async () => {
  const moved = await endpointWith(ENDPOINT, (e) => {
    e.properties.traffic = { blue: 100, green: 0 };
    e.properties.mirrorTraffic = {};
  });
  equal(moved.properties.traffic?.green ?? 0, 0, "green's traffic");
  await ml.onlineDeployments.beginDeleteAndWait(RG, WS, ENDPOINT, "green", poll);
  await fails(ml.onlineDeployments.get(RG, WS, ENDPOINT, "green"), 404, "get the deleted deployment");
  equal(names(await all(ml.onlineDeployments.list(RG, WS, ENDPOINT))), ["blue"], "deployments after deleting green");
  await endpointWith(ENDPOINT, (e) => { e.properties.traffic = {}; });
  await ml.onlineDeployments.beginDeleteAndWait(RG, WS, ENDPOINT, "blue", poll);
  equal(names(await all(ml.onlineDeployments.list(RG, WS, ENDPOINT))), [], "deployments after deleting blue");
});

// ---------------------------------------------------------------- computes

step("computes", "create an AmlCompute cluster", async () => {
  const compute = await ml.computeOperations.beginCreateOrUpdateAndWait(RG, WS, COMPUTE, {
    location: await location(),
    properties: {
      computeType: "AmlCompute",
      description: "js conformance",
      properties: { vmSize: "Standard_DS3_v2", vmPriority: "Dedicated", scaleSettings: { minNodeCount: 0, maxNodeCount: 2, nodeIdleTimeBeforeScaleDown: "PT120S" } },
    },
  }, poll);
  equal(compute.name, COMPUTE, "name");
  equal(compute.properties.computeType, "AmlCompute", "compute type");
  equal(compute.properties.provisioningState, "Succeeded", "provisioning state");
  equal(compute.properties.properties?.scaleSettings?.maxNodeCount, 2, "max node count");
});

step("computes", "get a cluster", async () => {
  const compute = await ml.computeOperations.get(RG, WS, COMPUTE);
  equal(compute.id, armId(`/computes/${COMPUTE}`), "id");
  equal(compute.properties.description, "js conformance", "description");
  equal(compute.properties.properties?.vmSize, "Standard_DS3_v2", "vm size");
  equal(compute.properties.properties?.scaleSettings?.minNodeCount, 0, "min node count");
  equal(compute.properties.properties?.scaleSettings?.maxNodeCount, 2, "max node count");
});

step("computes", "list the computes", async () => {
  const computes = await all(ml.computeOperations.list(RG, WS));
  const cluster = computes.find((c) => c.name === COMPUTE);
  check(cluster, `listed ${JSON.stringify(names(computes))}`);
  equal(cluster.properties.computeType, "AmlCompute", "compute type");
});

step("computes", "list a cluster's nodes", async () => {
  const nodes = await all(ml.computeOperations.listNodes(RG, WS, COMPUTE));
  check(nodes.length <= 2, `no more nodes than the cluster's maximum: ${JSON.stringify(nodes)}`);
  for (const node of nodes) {
    check(node.nodeId && node.nodeState, `a node with an id and a state: ${JSON.stringify(node)}`);
  }
});

step("computes", "update the scale settings", async () => {
  const updated = await ml.computeOperations.beginUpdateAndWait(RG, WS, COMPUTE, { properties: { scaleSettings: { minNodeCount: 0, maxNodeCount: 3 } } }, poll);
  equal(updated.properties.properties?.scaleSettings?.maxNodeCount, 3, "max node count in the answer");
  equal((await ml.computeOperations.get(RG, WS, COMPUTE)).properties.properties?.scaleSettings?.maxNodeCount, 3, "max node count read back");
});

step("computes", "list the usages of the workspace's location", async () => {
  const usages = await all(ml.usages.list(await location()));
  check(usages.length > 0, "at least one usage");
  for (const usage of usages) {
    check(usage.name?.value && typeof usage.currentValue === "number" && typeof usage.limit === "number", `a usage with a name, a value and a limit: ${JSON.stringify(usage)}`);
  }
});

step("computes", "list and update the workspace's quotas", async () => {
  const quotas = await all(ml.quotas.list(await location()));
  const dsv2 = quotas.find((q) => q.name?.value === "standardDSv2Family");
  check(dsv2, `quotas ${JSON.stringify(quotas.map((q) => q.name?.value))}`);
  const answer = await ml.quotas.update(await location(), { value: [{ id: dsv2.id, type: dsv2.type, limit: 12, unit: "Count" }] });
  equal(answer.value?.[0]?.status, "Success", "update status");
  equal((await all(ml.quotas.list(await location()))).find((q) => q.id === dsv2.id).limit, 12, "limit read back");
});

step("computes", "list the virtual machine sizes of the workspace's location", async () => {
  const sizes = (await ml.virtualMachineSizes.list(await location())).value ?? [];
  const ds3 = sizes.find((s) => s.name === "Standard_DS3_v2");
  check(ds3, `Standard_DS3_v2 is listed among ${JSON.stringify(names(sizes).slice(0, 20))}`);
  equal(ds3.vCPUs, 4, "Standard_DS3_v2's vCPUs");
});

// ---------------------------------------------------------------- batch endpoints, deployments and jobs

step("batch endpoints", "create a batch endpoint", async () => {
  const endpoint = await ml.batchEndpoints.beginCreateOrUpdateAndWait(RG, WS, BATCH, {
    location: await location(),
    tags: { suite: "js" },
    properties: { authMode: "AADToken", description: "js conformance" },
  }, poll);
  equal(endpoint.name, BATCH, "name");
  equal(endpoint.properties.provisioningState, "Succeeded", "provisioning state");
  equal(endpoint.properties.authMode, "AADToken", "auth mode");
  check(/^https?:\/\//.test(endpoint.properties.scoringUri ?? ""), `scoring uri ${endpoint.properties.scoringUri}`);
});

step("batch endpoints", "get a batch endpoint", async () => {
  const endpoint = await ml.batchEndpoints.get(RG, WS, BATCH);
  equal(endpoint.id, armId(`/batchEndpoints/${BATCH}`), "id");
  equal(endpoint.properties.description, "js conformance", "description");
  equal(endpoint.tags, { suite: "js" }, "tags");
});

step("batch endpoints", "list the batch endpoints", async () => {
  const listed = names(await all(ml.batchEndpoints.list(RG, WS)));
  check(listed.includes(BATCH), `listed ${JSON.stringify(listed)}`);
});

step("batch deployments", "create an MLflow batch deployment", async () => {
  const deployment = await ml.batchDeployments.beginCreateOrUpdateAndWait(RG, WS, BATCH, "mlflow", {
    location: await location(),
    properties: {
      description: "no-code MLflow",
      model: { referenceType: "Id", assetId: armId(`/models/${MODEL}/versions/1`) },
      compute: armId(`/computes/${COMPUTE}`),
      resources: { instanceCount: 1 },
      maxConcurrencyPerInstance: 2,
      miniBatchSize: 1,
      outputAction: "AppendRow",
      outputFileName: "predictions.csv",
      errorThreshold: -1,
      loggingLevel: "Info",
      retrySettings: { maxRetries: 2, timeout: "PT60S" },
    },
  }, poll);
  equal(deployment.name, "mlflow", "name");
  equal(deployment.properties.provisioningState, "Succeeded", "provisioning state");
  equal(deployment.properties.miniBatchSize, 1, "mini batch size");
});

step("batch deployments", "get a batch deployment", async () => {
  const deployment = await ml.batchDeployments.get(RG, WS, BATCH, "mlflow");
  equal(deployment.id, armId(`/batchEndpoints/${BATCH}/deployments/mlflow`), "id");
  equal(deployment.properties.model, { referenceType: "Id", assetId: armId(`/models/${MODEL}/versions/1`) }, "model");
  equal(deployment.properties.compute, armId(`/computes/${COMPUTE}`), "compute");
  equal(deployment.properties.outputAction, "AppendRow", "output action");
  equal(deployment.properties.outputFileName, "predictions.csv", "output file name");
  equal(deployment.properties.maxConcurrencyPerInstance, 2, "max concurrency per instance");
  equal(deployment.properties.retrySettings?.maxRetries, 2, "max retries");
  equal(deployment.properties.resources?.instanceCount, 1, "instance count");
});

step("batch deployments", "list the batch deployments", async () => {
  equal(names(await all(ml.batchDeployments.list(RG, WS, BATCH))), ["mlflow"], "deployments");
});

step("batch endpoints", "set the default deployment", async () => {
  const endpoint = await ml.batchEndpoints.get(RG, WS, BATCH);
  endpoint.properties.defaults = { deploymentName: "mlflow" };
  const updated = await ml.batchEndpoints.beginCreateOrUpdateAndWait(RG, WS, BATCH, endpoint, poll);
  equal(updated.properties.defaults?.deploymentName, "mlflow", "default deployment in the answer");
  equal((await ml.batchEndpoints.get(RG, WS, BATCH)).properties.defaults?.deploymentName, "mlflow", "default deployment read back");
});

step("batch endpoints", "update the tags with PATCH", async () => {
  const updated = await ml.batchEndpoints.beginUpdateAndWait(RG, WS, BATCH, { tags: { suite: "js", stage: "patched" } }, poll);
  equal(updated.tags, { suite: "js", stage: "patched" }, "tags in the answer");
  const endpoint = await ml.batchEndpoints.get(RG, WS, BATCH);
  equal(endpoint.tags, { suite: "js", stage: "patched" }, "tags read back");
  equal(endpoint.properties.defaults?.deploymentName, "mlflow", "default deployment kept");
});

step("batch deployments", "update the description and tags with PATCH", async () => {
  const updated = await ml.batchDeployments.beginUpdateAndWait(RG, WS, BATCH, "mlflow", { properties: { description: "patched" }, tags: { stage: "patched" } }, poll);
  equal(updated.properties.description, "patched", "description in the answer");
  const deployment = await ml.batchDeployments.get(RG, WS, BATCH, "mlflow");
  equal(deployment.properties.description, "patched", "description read back");
  equal(deployment.tags, { stage: "patched" }, "tags read back");
  equal(deployment.properties.miniBatchSize, 1, "mini batch size kept");
});

step("batch jobs", "invoke the endpoint on a datastore folder", async () => {
  const job = await invokeBatch(BATCH);
  state.job = job.name;
});

step("batch jobs", "get the job", async () => {
  check(state.job, "a job was started");
  const job = await ml.jobs.get(RG, WS, state.job);
  equal(job.name, state.job, "name");
  equal(job.id, armId(`/jobs/${state.job}`), "id");
  check(["NotStarted", "Queued", "Preparing", "Starting", "Provisioning", "Running", "Finalizing", "Completed"].includes(job.properties.status), `status ${job.properties.status}`);
  // A batch job is a pipeline job to the resource manager, whose inputs and outputs use the api-version's JobInputType
  // and JobOutputType values (uri_folder), not the data plane's (UriFolder).
  equal(job.properties.jobType, "Pipeline", "job type");
  equal(job.properties.inputs?.input_data?.jobInputType, "uri_folder", "the job's input type");
  equal(job.properties.inputs?.input_data?.uri, uri("batch"), "the job's input uri");
  equal(job.properties.outputs?.score?.jobOutputType, "uri_folder", "the job's output type");
});

step("batch jobs", "wait for the job to complete", async () => {
  check(state.job, "a job was started");
  const status = await waitUntil("the job ends", async () => {
    const current = await jobStatus(state.job);
    return ["Completed", "Failed", "Canceled", "NotResponding"].includes(current) && current;
  });
  equal(status, "Completed", "status");
});

step("batch jobs", "list the jobs", async () => {
  check(state.job, "a job was started");
  const listed = names(await all(ml.jobs.list(RG, WS)));
  check(listed.includes(state.job), `listed ${JSON.stringify(listed.slice(0, 20))}`);
});

step("batch jobs", "list all jobs, archived or not", async () => {
  check(state.job, "a job was started");
  const listed = names(await all(ml.jobs.list(RG, WS, { listViewType: "All" })));
  check(listed.includes(state.job), `listed ${JSON.stringify(listed.slice(0, 20))}`);
});

step("batch jobs", "list the endpoint's jobs at its scoring URI", async () => {
  check(state.job, "a job was started");
  const endpoint = await ml.batchEndpoints.get(RG, WS, BATCH);
  const page = await fetchJson(endpoint.properties.scoringUri, { method: "GET", headers: { Authorization: `Bearer ${TOKEN}` } });
  const listed = names(page?.value ?? []);
  check(listed.includes(state.job), `listed ${JSON.stringify(listed)}`);
});

step("batch jobs", "cancel a queued job", async () => {
  check(HELD_BATCH, "the test names a batch endpoint whose jobs it holds (CONFORMANCE_HELD_BATCH)");
  await ml.batchEndpoints.beginCreateOrUpdateAndWait(RG, WS, HELD_BATCH, { location: await location(), properties: { authMode: "AADToken" } }, poll);
  await ml.batchDeployments.beginCreateOrUpdateAndWait(RG, WS, HELD_BATCH, "held", {
    location: await location(),
    properties: {
      model: { referenceType: "Id", assetId: armId(`/models/${MODEL}/versions/1`) },
      compute: armId(`/computes/${COMPUTE}`),
      resources: { instanceCount: 1 },
      miniBatchSize: 1,
      outputAction: "AppendRow",
    },
  }, poll);
  const job = await invokeBatch(HELD_BATCH, { "azureml-model-deployment": "held" });
  const before = await jobStatus(job.name);
  check(!["Completed", "Failed", "Canceled"].includes(before), `the held job is still in progress before the cancel: ${before}`);
  await ml.jobs.beginCancelAndWait(RG, WS, job.name, poll);
  await waitUntil("the job is canceled", async () => (await jobStatus(job.name)) === "Canceled", 60);
});

step("batch deployments", "delete the deployment and the endpoints", async () => {
  const endpoint = await ml.batchEndpoints.get(RG, WS, BATCH);
  endpoint.properties.defaults = {};
  await ml.batchEndpoints.beginCreateOrUpdateAndWait(RG, WS, BATCH, endpoint, poll);
  await ml.batchDeployments.beginDeleteAndWait(RG, WS, BATCH, "mlflow", poll);
  await fails(ml.batchDeployments.get(RG, WS, BATCH, "mlflow"), 404, "get the deleted deployment");
  equal(names(await all(ml.batchDeployments.list(RG, WS, BATCH))), [], "deployments left");
  await ml.batchEndpoints.beginDeleteAndWait(RG, WS, BATCH, poll);
  await fails(ml.batchEndpoints.get(RG, WS, BATCH), 404, "get the deleted endpoint");
  if (HELD_BATCH) {
    await ml.batchEndpoints.beginDeleteAndWait(RG, WS, HELD_BATCH, poll);
  }
  const listed = names(await all(ml.batchEndpoints.list(RG, WS)));
  check(!listed.includes(BATCH) && !(HELD_BATCH && listed.includes(HELD_BATCH)), `still listed: ${JSON.stringify(listed)}`);
});

// ---------------------------------------------------------------- tear down

step("online endpoints", "delete the endpoints", async () => {
  for (const name of [ENDPOINT, TOKEN_ENDPOINT]) {
    await ml.onlineEndpoints.beginDeleteAndWait(RG, WS, name, poll);
    await fails(ml.onlineEndpoints.get(RG, WS, name), 404, `get the deleted endpoint ${name}`);
  }
  const listed = names(await all(ml.onlineEndpoints.list(RG, WS)));
  check(!listed.includes(ENDPOINT) && !listed.includes(TOKEN_ENDPOINT), `still listed: ${JSON.stringify(listed)}`);
});

step("computes", "delete the cluster", async () => {
  await ml.computeOperations.beginDeleteAndWait(RG, WS, COMPUTE, "Delete", poll);
  await fails(ml.computeOperations.get(RG, WS, COMPUTE), 404, "get the deleted cluster");
  check(!names(await all(ml.computeOperations.list(RG, WS))).includes(COMPUTE), "the cluster is not listed");
});

// Exits explicitly: a step that timed out may have left an operation poller running.
process.exit((await run(reportPath, only)) > 0 ? 1 : 0);
