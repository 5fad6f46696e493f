// The emulator's studio: reads the workspace through the emulator's own ARM routes, with the same bearer-token
// check any client gets. No framework and nothing fetched from outside the emulator.
"use strict";

const apiVersion = "2024-04-01";
let workspace = "";

async function arm(path, method = "GET", payload = undefined) {
  const separator = path.includes("?") ? "&" : "?";
  return call(`${workspace}${path}${separator}api-version=${apiVersion}`, method, payload);
}

/** A call with the page's bearer token; an error answer becomes its message. */
async function call(url, method = "GET", payload = undefined) {
  const response = await fetch(url, {
    method,
    headers: { Authorization: `Bearer ${document.getElementById("token").value}`, "Content-Type": "application/json" },
    body: payload === undefined ? undefined : JSON.stringify(payload),
  });
  const text = await response.text();
  const body = text ? JSON.parse(text) : {};
  if (!response.ok) {
    throw new Error(body?.error?.message ?? `${response.status} ${response.statusText}`);
  }
  return body;
}

/** The SDK's traffic rules (TrafficRules.cs), checked before anything is sent, with its messages. */
function checkTraffic(endpointName, traffic) {
  for (const [name, percent] of Object.entries(traffic)) {
    if (!Number.isInteger(percent) || percent < 0 || percent > 100) {
      throw new Error(`Traffic for deployment '${name}' on endpoint '${endpointName}' is ${percent}; each value must be between 0 and 100.`);
    }
  }
  const total = Object.values(traffic).reduce((sum, percent) => sum + percent, 0);
  if (total !== 100 && total !== 0) {
    const described = Object.entries(traffic).map(([name, percent]) => `${name}=${percent}`).join(", ");
    throw new Error(`Traffic on endpoint '${endpointName}' sums to ${total} (${described}); it must sum to 100, or be 0 for every deployment.`);
  }
}

/** Moves live traffic as the SDK does: read the endpoint, PUT it back with the new split, wait for the operation. */
async function saveTraffic(endpointName) {
  const status = document.getElementById(`traffic-status-${endpointName}`);
  try {
    const traffic = {};
    for (const input of document.querySelectorAll(`input[data-endpoint='${endpointName}']`)) {
      traffic[input.dataset.deployment] = Number(input.value);
    }
    checkTraffic(endpointName, traffic);
    const path = `/onlineEndpoints/${encodeURIComponent(endpointName)}`;
    const endpoint = await arm(path);
    status.textContent = "Updating traffic...";
    await arm(path, "PUT", { location: endpoint.location, tags: endpoint.tags, identity: endpoint.identity, properties: { ...endpoint.properties, traffic } });
    for (let state = "Updating"; state === "Updating" || state === "Creating";) {
      await new Promise(resolve => setTimeout(resolve, 200));
      state = (await arm(path)).properties.provisioningState;
    }
    await showEndpoints();
    document.getElementById(`traffic-status-${endpointName}`).textContent = "Traffic saved.";
  } catch (error) {
    status.textContent = error.message;
  }
}

/** Keys stay hidden until asked for (listKeys, as any client reads them). */
async function revealKeys(endpointName, target) {
  try {
    const keys = await arm(`/onlineEndpoints/${encodeURIComponent(endpointName)}/listKeys`, "POST");
    target.textContent = `primary ${keys.primaryKey}, secondary ${keys.secondaryKey}`;
  } catch (error) {
    target.textContent = error.message;
  }
}

/** A model version id as people read it: name:version. */
function modelName(id) {
  const match = /\/models\/([^/]+)\/versions\/([^/]+)$/.exec(id ?? "");
  return match ? `${decodeURIComponent(match[1])}:${decodeURIComponent(match[2])}` : id;
}

function cell(text) {
  const td = document.createElement("td");
  td.textContent = text ?? "";
  return td;
}

function table(headers, rows, id) {
  const t = document.createElement("table");
  if (id) t.id = id;
  const head = t.createTHead().insertRow();
  for (const h of headers) {
    const th = document.createElement("th");
    th.textContent = h;
    head.appendChild(th);
  }
  const body = t.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const value of row) tr.appendChild(cell(value));
  }
  return t;
}

async function showModels() {
  const section = document.getElementById("models");
  const rows = [];
  for (const container of (await arm("/models?listViewType=All")).value) {
    for (const version of (await arm(`/models/${encodeURIComponent(container.name)}/versions?listViewType=All`)).value) {
      const p = version.properties;
      // The datastore path in its short form, as the CLI prints it.
      const path = (p.modelUri ?? "").replace(/^azureml:\/\/subscriptions\/.*?\/workspaces\/[^/]+\/datastores\//, "azureml://datastores/");
      rows.push([container.name, version.name, p.modelType, Object.keys(p.flavors ?? {}).join(", "), path, p.isArchived ? "archived" : "active"]);
    }
  }
  section.replaceChildren(table(["Model", "Version", "Type", "Flavors", "Path", "State"], rows, "models-table"));
}

async function showEndpoints() {
  const section = document.getElementById("endpoints");
  const parts = [];
  for (const endpoint of (await arm("/onlineEndpoints")).value) {
    const p = endpoint.properties;
    const heading = document.createElement("h2");
    heading.textContent = endpoint.name;
    const traffic = Object.entries(p.traffic ?? {}).map(([name, percent]) => `${name}=${percent}%`).join(", ");
    const mirror = Object.entries(p.mirrorTraffic ?? {}).map(([name, percent]) => `${name}=${percent}%`).join(", ");
    parts.push(heading, table(["State", "Auth mode", "Scoring URI", "Traffic", "Mirror traffic"],
      [[p.provisioningState, p.authMode, p.scoringUri, traffic, mirror]], `endpoint-${endpoint.name}`));
    const deployments = (await arm(`/onlineEndpoints/${encodeURIComponent(endpoint.name)}/deployments`)).value;
    const rows = table(["Deployment", "Model", "Instance type", "Instances", "State", "Traffic %"],
      deployments.map(d => [d.name, modelName(d.properties.model), d.properties.instanceType, d.sku?.capacity, d.properties.provisioningState, ""]),
      `deployments-${endpoint.name}`);
    deployments.forEach((d, i) => {
      const input = document.createElement("input");
      Object.assign(input, { type: "number", min: 0, max: 100, value: p.traffic?.[d.name] ?? 0, size: 4 });
      input.dataset.endpoint = endpoint.name;
      input.dataset.deployment = d.name;
      rows.tBodies[0].rows[i].cells[5].appendChild(input);
    });
    const save = document.createElement("button");
    Object.assign(save, { id: `save-traffic-${endpoint.name}`, textContent: "Save traffic" });
    save.addEventListener("click", () => saveTraffic(endpoint.name));
    const status = document.createElement("span");
    status.id = `traffic-status-${endpoint.name}`;
    const keys = document.createElement("p");
    const reveal = document.createElement("button");
    Object.assign(reveal, { id: `reveal-keys-${endpoint.name}`, textContent: "Show keys" });
    const shown = document.createElement("code");
    shown.id = `keys-${endpoint.name}`;
    reveal.addEventListener("click", () => revealKeys(endpoint.name, shown));
    keys.append(reveal, " ", shown);
    parts.push(rows, save, " ", status, keys);
  }
  if (parts.length === 0) {
    const none = document.createElement("p");
    none.textContent = "No online endpoints yet.";
    parts.push(none);
  }
  section.replaceChildren(...parts);
}

/** The requests the emulator received, newest first: for debugging your own code (no headers or bodies: they carry keys). */
async function showRequests() {
  const body = await call("studio/requests");
  document.getElementById("requests").replaceChildren(table(["Time", "Method", "Path", "Status"],
    body.value.map(r => [r.time, r.method, r.path, r.status]), "requests-table"));
}

const views = { models: showModels, endpoints: showEndpoints, requests: showRequests };

async function show(view) {
  document.getElementById("error").textContent = "";
  for (const button of document.querySelectorAll("nav button")) {
    button.classList.toggle("active", button.dataset.view === view);
  }
  for (const name of Object.keys(views)) {
    document.getElementById(name).hidden = name !== view;
  }
  try {
    await views[view]();
    document.body.dataset.loaded = view;
  } catch (error) {
    document.getElementById("error").textContent = error.message;
  }
}

async function start() {
  const info = await (await fetch("studio/workspace")).json();
  workspace = info.workspaceResourceId;
  document.getElementById("workspace").textContent = info.workspaceName;
  for (const button of document.querySelectorAll("nav button")) {
    button.addEventListener("click", () => show(button.dataset.view));
  }
  await show("models");
}

start();
