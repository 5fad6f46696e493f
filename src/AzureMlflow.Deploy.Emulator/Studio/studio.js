// The emulator's studio: reads the workspace through the emulator's own ARM routes, with the same bearer-token
// check any client gets. No framework and nothing fetched from outside the emulator.
"use strict";

const apiVersion = "2024-04-01";
let workspace = "";

async function arm(path) {
  const separator = path.includes("?") ? "&" : "?";
  const response = await fetch(`${workspace}${path}${separator}api-version=${apiVersion}`, {
    headers: { Authorization: `Bearer ${document.getElementById("token").value}` },
  });
  const body = await response.json();
  if (!response.ok) {
    throw new Error(body?.error?.message ?? `${response.status} ${response.statusText}`);
  }
  return body;
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
    parts.push(table(["Deployment", "Model", "Instance type", "Instances", "State"],
      deployments.map(d => [d.name, modelName(d.properties.model), d.properties.instanceType, d.sku?.capacity, d.properties.provisioningState]),
      `deployments-${endpoint.name}`));
  }
  if (parts.length === 0) {
    const none = document.createElement("p");
    none.textContent = "No online endpoints yet.";
    parts.push(none);
  }
  section.replaceChildren(...parts);
}

const views = { models: showModels, endpoints: showEndpoints };

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
