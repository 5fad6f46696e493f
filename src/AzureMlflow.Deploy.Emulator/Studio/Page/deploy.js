// The deploy wizard, as in the service's studio: a registered MLflow model to a new or existing online endpoint, with
// no scoring script and no environment (the service supplies both for MLflow models); each step is shown as it runs,
// and a failure with the service's message.
import { arm, armOperation } from "./api.js";
import { button, element, enc, field, modelName, paragraph } from "./dom.js";
import { updateTraffic } from "./traffic.js";

/** Managed online instance types offered by the wizard (the emulator accepts any name, as it has no quota). */
const instanceTypes = ["Standard_DS1_v2", "Standard_DS2_v2", "Standard_DS3_v2", "Standard_DS4_v2", "Standard_F2s_v2", "Standard_F4s_v2", "Standard_F8s_v2", "Standard_E2s_v3", "Standard_E4s_v3"];
const authModes = { Key: "Key", "Azure ML token": "AMLToken" };

function select(id, options, selected) {
  const created = element("select", { id });
  for (const [text, value] of options) {
    created.appendChild(element("option", { textContent: text, value, selected: value === selected }));
  }
  return created;
}

async function mlflowModelVersions() {
  const versions = [];
  for (const container of (await arm("/models")).value) {
    for (const version of (await arm(`/models/${enc(container.name)}/versions`)).value) {
      if (version.properties.modelType === "mlflow_model") {
        versions.push(version.id);
      }
    }
  }
  return versions;
}

async function existingEndpoint(name) {
  try {
    return await arm(`/onlineEndpoints/${enc(name)}`);
  } catch (error) {
    if (error.status === 404) {
      return null;
    }
    throw error;
  }
}

/** Runs the wizard's steps; each appends a line to the progress list, which ends with data-result succeeded or failed. */
async function deploy(progress) {
  const value = id => document.getElementById(id).value.trim();
  const [modelId, endpointName, deploymentName, instanceType, authMode] = ["deploy-model", "deploy-endpoint", "deploy-deployment", "deploy-instance-type", "deploy-auth"].map(value);
  const instanceCount = Number(value("deploy-count"));
  progress.replaceChildren();
  delete progress.dataset.result;
  const step = text => progress.appendChild(element("li", { textContent: text }));
  try {
    if (!modelId || !endpointName || !deploymentName) {
      throw new Error("Choose a model and name the endpoint and the deployment.");
    }
    const location = (await arm("")).location;
    const endpoint = await existingEndpoint(endpointName);
    if (endpoint === null) {
      const line = step(`Creating endpoint '${endpointName}'...`);
      await armOperation(`/onlineEndpoints/${enc(endpointName)}`, "PUT",
        { location, identity: { type: "SystemAssigned" }, kind: "Managed", properties: { authMode } },
        status => { line.textContent = `Creating endpoint '${endpointName}' (${status})...`; });
      line.textContent = `Endpoint '${endpointName}' created.`;
    } else {
      step(`Endpoint '${endpointName}' exists: adding the deployment to it.`);
    }
    const line = step(`Creating deployment '${deploymentName}' of ${modelName(modelId)} on ${instanceCount} x ${instanceType}...`);
    await armOperation(`/onlineEndpoints/${enc(endpointName)}/deployments/${enc(deploymentName)}`, "PUT",
      {
        location,
        kind: "Managed",
        sku: { name: "Default", capacity: instanceCount },
        properties: { endpointComputeType: "Managed", model: modelId, instanceType },
      },
      status => { line.textContent = `Creating deployment '${deploymentName}' (${status})...`; });
    line.textContent = `Deployment '${deploymentName}' created.`;
    if (endpoint === null) {
      const traffic = step(`Sending 100% of traffic to '${deploymentName}'...`);
      await updateTraffic(endpointName, { [deploymentName]: 100 }, {}, [deploymentName]);
      traffic.textContent = `'${deploymentName}' receives 100% of traffic.`;
    } else {
      step("Traffic is unchanged: set it in the Endpoints tab.");
    }
    step(`Done: ${modelName(modelId)} is deployed as '${deploymentName}' on '${endpointName}'. Try it in the Test tab.`);
    progress.dataset.result = "succeeded";
  } catch (error) {
    step(error.message).classList.add("failed");
    progress.dataset.result = "failed";
  }
}

export async function showDeploy() {
  const models = await mlflowModelVersions();
  const progress = element("ol", { id: "deploy-progress" });
  const form = element("form", { id: "deploy-form" },
    field("MLflow model", select("deploy-model", models.map(id => [modelName(id), id]), models.at(-1))),
    field("Endpoint name", element("input", { id: "deploy-endpoint", required: true, placeholder: "a new or existing endpoint" })),
    field("Deployment name", element("input", { id: "deploy-deployment", value: "blue", required: true })),
    field("Instance type", select("deploy-instance-type", instanceTypes.map(t => [t, t]), "Standard_DS3_v2")),
    field("Instance count", element("input", { id: "deploy-count", type: "number", min: 1, value: 1 })),
    field("Authentication", select("deploy-auth", Object.entries(authModes), "Key")),
    button("deploy-start", "Deploy", async event => {
      event.target.disabled = true; // one deployment at a time
      await deploy(progress);
      event.target.disabled = false;
    }));
  document.getElementById("deploy").replaceChildren(
    paragraph("Deploy a registered MLflow model with no scoring script and no environment: Azure ML provides both for MLflow models."),
    models.length === 0 ? paragraph("No MLflow models are registered yet.") : form,
    progress);
}
