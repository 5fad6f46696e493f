// Online endpoints: state, auth mode, scoring URI, deployments; live and mirror traffic editable; keys shown only when
// asked for; deployment logs, refreshed while the deployment provisions.
import { arm, repeat } from "./api.js";
import { button, element, enc, modelName, paragraph, reporting, table } from "./dom.js";
import { updateTraffic } from "./traffic.js";

const provisioning = new Set(["Creating", "Updating", "Scaling", "Deleting"]);
const split = traffic => Object.entries(traffic ?? {}).map(([name, percent]) => `${name}=${percent}%`).join(", ");

function percentInput(endpointName, deploymentName, value, kind) {
  return element("input", {
    type: "number", min: 0, max: 100, value: value ?? 0, size: 4,
    dataset: kind === "live" ? { endpoint: endpointName, deployment: deploymentName } : { mirrorEndpoint: endpointName, deployment: deploymentName },
  });
}

const readSplit = selector => Object.fromEntries([...document.querySelectorAll(selector)].map(input => [input.dataset.deployment, Number(input.value)]));

async function saveTraffic(endpointName, deployments) {
  const status = document.getElementById(`traffic-status-${endpointName}`);
  status.classList.remove("failed");
  await reporting(status, async () => {
    const traffic = readSplit(`input[data-endpoint='${endpointName}']`);
    // Mirror entries at 0 are left out, as the SDK leaves them out.
    const mirror = Object.fromEntries(Object.entries(readSplit(`input[data-mirror-endpoint='${endpointName}']`)).filter(([, percent]) => percent !== 0));
    await updateTraffic(endpointName, traffic, mirror, deployments, state => { status.textContent = `Updating traffic (${state})...`; });
    await showEndpoints();
    document.getElementById(`traffic-status-${endpointName}`).textContent = "Traffic saved.";
  });
}

async function revealKeys(endpointName, target) {
  await reporting(target, async () => {
    const keys = await arm(`/onlineEndpoints/${enc(endpointName)}/listKeys`, "POST");
    target.textContent = `primary ${keys.primaryKey}, secondary ${keys.secondaryKey}`;
  });
}

/** Shows a deployment's two logs and its state, again and again while it provisions or while the log stays on the page. */
async function followLogs(endpointName, deploymentName, target, stateCell) {
  const path = `/onlineEndpoints/${enc(endpointName)}/deployments/${enc(deploymentName)}`;
  await reporting(target, () => repeat(async () => {
    const [deployment, storage, server] = await Promise.all([
      arm(path),
      arm(`${path}/getLogs`, "POST", { containerType: "StorageInitializer", tail: 200 }),
      arm(`${path}/getLogs`, "POST", { containerType: "InferenceServer", tail: 200 }),
    ]);
    const state = deployment.properties.provisioningState;
    target.textContent = `--- storage-initializer ---\n${storage.content}\n--- inference-server ---\n${server.content}`;
    target.dataset.state = state;
    stateCell.textContent = state;
    return provisioning.has(state);
  }, target));
}

export async function showEndpoints() {
  const parts = [];
  for (const endpoint of (await arm("/onlineEndpoints")).value) {
    const p = endpoint.properties;
    const name = endpoint.name;
    parts.push(element("h2", { textContent: name }),
      table(["State", "Auth mode", "Scoring URI", "Traffic", "Mirror traffic"], [[p.provisioningState, p.authMode, p.scoringUri, split(p.traffic), split(p.mirrorTraffic)]], `endpoint-${name}`));
    const deployments = (await arm(`/onlineEndpoints/${enc(name)}/deployments`)).value;
    const logs = element("div");
    const rows = deployments.map(d => {
      const state = element("span", { textContent: d.properties.provisioningState });
      const showLogs = button(`logs-${name}-${d.name}`, "Logs", () => {
        const log = element("pre", { id: `log-${name}-${d.name}`, className: "log" });
        logs.replaceChildren(element("h3", { textContent: `Logs of ${d.name}` }), log);
        followLogs(name, d.name, log, state);
      });
      return [d.name, modelName(d.properties.model), d.properties.instanceType, d.sku?.capacity, state,
        percentInput(name, d.name, p.traffic?.[d.name], "live"), percentInput(name, d.name, p.mirrorTraffic?.[d.name], "mirror"), showLogs];
    });
    const names = deployments.map(d => d.name);
    const keys = element("code", { id: `keys-${name}` });
    parts.push(
      ...(deployments.length === 0 ? [paragraph("No deployments yet: use the Deploy tab.")] : [
        table(["Deployment", "Model", "Instance type", "Instances", "State", "Traffic %", "Mirror %", ""], rows, `deployments-${name}`),
        element("p", {},
          button(`save-traffic-${name}`, "Save traffic", () => saveTraffic(name, names)), " ",
          element("span", { id: `traffic-status-${name}` }))]),
      element("p", {},
        button(`reveal-keys-${name}`, "Show keys", () => revealKeys(name, keys)), " ", keys),
      logs);
  }
  document.getElementById("endpoints").replaceChildren(...(parts.length === 0 ? [paragraph("No online endpoints yet.")] : parts));
}
