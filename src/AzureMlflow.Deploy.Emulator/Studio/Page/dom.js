// Small DOM helpers: the page builds its views from the data it reads, with no framework.

/** An element with properties (dataset entries under "dataset") and children (text or nodes; null is skipped). */
export function element(tag, properties = {}, ...children) {
  const { dataset, ...rest } = properties;
  const created = Object.assign(document.createElement(tag), rest);
  Object.assign(created.dataset, dataset ?? {});
  created.append(...children.filter(child => child !== null && child !== undefined));
  return created;
}

export function button(id, text, onClick) {
  const created = element("button", { id, textContent: text, type: "button" });
  created.addEventListener("click", onClick);
  return created;
}

/** Text longer than this (ids, paths, URIs) may wrap anywhere in a table cell. */
const longText = 40;

/** A table; a cell value that is a node is placed as it is, anything else as text. */
export function table(headers, rows, id) {
  const created = element("table", id ? { id } : {});
  const head = created.createTHead().insertRow();
  for (const header of headers) {
    head.appendChild(element("th", { textContent: header }));
  }
  const body = created.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const value of row) {
      const text = String(value ?? "");
      tr.appendChild(value instanceof Node ? element("td", {}, value) : element("td", { textContent: text, className: text.length > longText ? "long" : "" }));
    }
  }
  return created;
}

/** A labelled form control. */
export function field(label, control) {
  return element("label", { className: "field" }, element("span", { textContent: label }), control);
}

export function paragraph(text, properties = {}) {
  return element("p", { textContent: text, ...properties });
}

export const enc = encodeURIComponent;

/** A model version's ARM id as people read it: name:version. */
export function modelName(id) {
  const match = /\/models\/([^/]+)\/versions\/([^/]+)$/.exec(id ?? "");
  return match ? `${decodeURIComponent(match[1])}:${decodeURIComponent(match[2])}` : id;
}

/** A datastore path in its short form, as the CLI prints it. */
export function shortPath(uri) {
  return (uri ?? "").replace(/^azureml:\/\/subscriptions\/.*?\/workspaces\/[^/]+\/datastores\//, "azureml://datastores/");
}

/** Runs an action that may fail and shows its error in a status element instead of throwing. */
export async function reporting(status, action) {
  try {
    await action();
  } catch (error) {
    status.textContent = error.message;
    status.classList.add("failed");
  }
}

const isPlain = value => value === null || typeof value !== "object";

/** JSON for people: rows of plain values and small flat objects on one line each, the rest indented. */
export function prettyJson(value, indent = "") {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    return value.every(isPlain)
      ? `[${value.map(v => JSON.stringify(v)).join(", ")}]`
      : `[\n${value.map(v => inner + prettyJson(v, inner)).join(",\n")}\n${indent}]`;
  }
  if (!isPlain(value)) {
    const entries = Object.entries(value);
    const flat = `{${entries.map(([key, v]) => `${JSON.stringify(key)}: ${JSON.stringify(v)}`).join(", ")}}`;
    return entries.every(([, v]) => isPlain(v)) && flat.length <= 100
      ? flat
      : `{\n${entries.map(([key, v]) => `${inner}${JSON.stringify(key)}: ${prettyJson(v, inner)}`).join(",\n")}\n${indent}}`;
  }
  return JSON.stringify(value);
}
