// The Test tab: a request in the input_data format, prefilled from the deployed model's input example, sent to the
// endpoint's scoring URI (or to one deployment) with the credential its auth mode asks for; the answer and its status
// are shown as they come, errors included.
import { arm, bearer, onThisOrigin } from "./api.js";
import { button, element, enc, field, paragraph, prettyJson, reporting } from "./dom.js";
import { exampleRequest, parseModelId, readModelVersion } from "./mlmodel.js";

let endpoints = [];

/** The credential a scoring request carries for the endpoint's auth mode. */
async function scoringCredential(endpoint) {
  switch (endpoint.properties.authMode) {
    case "Key":
      return (await arm(`/onlineEndpoints/${enc(endpoint.name)}/listKeys`, "POST")).primaryKey;
    case "AMLToken":
      return (await arm(`/onlineEndpoints/${enc(endpoint.name)}/token`, "POST")).accessToken;
    default:
      return bearer();
  }
}

/** The deployment whose model the request is prefilled for: the chosen one, else the one with the most live traffic. */
function targetDeployment(endpoint, chosen) {
  if (chosen) {
    return chosen;
  }
  const ranked = Object.entries(endpoint.properties.traffic ?? {}).sort((a, b) => b[1] - a[1]);
  return ranked.length > 0 && ranked[0][1] > 0 ? ranked[0][0] : null;
}

async function prefill() {
  const endpoint = endpoints.find(e => e.name === document.getElementById("test-endpoint").value);
  const request = document.getElementById("test-request");
  const deploymentName = endpoint && targetDeployment(endpoint, document.getElementById("test-deployment").value);
  request.value = "";
  delete request.dataset.prefilled;
  if (!deploymentName) {
    return;
  }
  const deployment = await arm(`/onlineEndpoints/${enc(endpoint.name)}/deployments/${enc(deploymentName)}`);
  const model = parseModelId(deployment.properties.model);
  if (model) {
    request.value = prettyJson(exampleRequest(await readModelVersion(model.name, model.version)));
  }
  request.dataset.prefilled = deploymentName;
}

async function fillDeployments() {
  const name = document.getElementById("test-endpoint").value;
  const deployments = name ? (await arm(`/onlineEndpoints/${enc(name)}/deployments`)).value : [];
  document.getElementById("test-deployment").replaceChildren(
    element("option", { value: "", textContent: "(as traffic is split)" }),
    ...deployments.map(d => element("option", { value: d.name, textContent: d.name })));
  await prefill();
}

async function sendRequest() {
  const status = document.getElementById("test-status");
  const answer = document.getElementById("test-response");
  status.textContent = "Sending...";
  status.classList.remove("failed");
  answer.textContent = "";
  delete answer.dataset.status;
  try {
    const endpoint = endpoints.find(e => e.name === document.getElementById("test-endpoint").value);
    const deployment = document.getElementById("test-deployment").value;
    const headers = { Authorization: `Bearer ${await scoringCredential(endpoint)}`, "Content-Type": "application/json" };
    if (deployment) {
      headers["azureml-model-deployment"] = deployment;
    }
    const response = await fetch(onThisOrigin(endpoint.properties.scoringUri), { method: "POST", headers, body: document.getElementById("test-request").value });
    const text = await response.text();
    let shown = text;
    try {
      shown = prettyJson(JSON.parse(text));
    } catch {
      // not JSON: shown as it came
    }
    status.textContent = `${response.status} ${response.statusText}`.trim();
    answer.textContent = shown;
    answer.dataset.status = String(response.status);
  } catch (error) {
    status.textContent = error.message;
    answer.dataset.status = "error";
  }
}

export async function showTest() {
  endpoints = (await arm("/onlineEndpoints")).value;
  const section = document.getElementById("test");
  if (endpoints.length === 0) {
    section.replaceChildren(paragraph("No online endpoints yet: deploy a model first."));
    return;
  }
  const endpointSelect = element("select", { id: "test-endpoint" }, ...endpoints.map(e => element("option", { value: e.name, textContent: e.name })));
  const deploymentSelect = element("select", { id: "test-deployment" });
  const status = () => document.getElementById("test-status");
  endpointSelect.addEventListener("change", () => reporting(status(), fillDeployments));
  deploymentSelect.addEventListener("change", () => reporting(status(), prefill));
  section.replaceChildren(
    element("p", {}, field("Endpoint", endpointSelect), " ", field("Deployment", deploymentSelect)),
    element("textarea", { id: "test-request", rows: 14, cols: 90, spellcheck: false }),
    element("p", {}, button("test-send", "Send", sendRequest), " ", element("span", { id: "test-status" })),
    element("pre", { id: "test-response" }));
  await fillDeployments();
}
