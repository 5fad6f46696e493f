// How the page talks to the emulator: its ARM routes with the page's bearer token, as any client does; long-running
// operations followed through their Azure-AsyncOperation header, as the SDK follows them.

const apiVersion = "2024-04-01";

/** How often the page polls an operation or a provisioning deployment. */
export const pollMilliseconds = 250;

let workspaceId = "";

/** Reads which workspace this emulator serves; returns its name. */
export async function connect() {
  const info = await (await fetch("studio/workspace")).json();
  workspaceId = info.workspaceResourceId;
  return info.workspaceName;
}

/** The bearer token typed in the page's header (the emulator accepts any unless told otherwise). */
export function bearer() {
  return document.getElementById("token").value;
}

/**
 * The emulator serves everything on one address; URLs it returns (scoring URIs, operation URLs) are fetched from the
 * page's own origin, so a page opened as localhost still reaches them.
 */
export function onThisOrigin(url) {
  const parsed = new URL(url, location.href);
  return `${location.origin}${parsed.pathname}${parsed.search}`;
}

/** An error answer as an Error with the service's message and the HTTP status. */
function serviceError(response, body) {
  const error = new Error(body?.error?.message ?? body?.message ?? `${response.status} ${response.statusText}`);
  error.status = response.status;
  return error;
}

/** A request; an error answer becomes an Error with the service's message (and its status). */
async function send(url, method = "GET", payload = undefined) {
  const response = await fetch(onThisOrigin(url), {
    method,
    headers: { Authorization: `Bearer ${bearer()}`, "Content-Type": "application/json" },
    body: payload === undefined ? undefined : JSON.stringify(payload),
  });
  const text = await response.text();
  let body = {};
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    body = text;
  }
  if (!response.ok) {
    throw serviceError(response, body);
  }
  return { status: response.status, headers: response.headers, body };
}

export async function call(url, method = "GET", payload = undefined) {
  return (await send(url, method, payload)).body;
}

function armUrl(path) {
  const separator = path.includes("?") ? "&" : "?";
  return `${workspaceId}${path}${separator}api-version=${apiVersion}`;
}

/** A workspace ARM route, e.g. arm("/onlineEndpoints"). */
export async function arm(path, method = "GET", payload = undefined) {
  return call(armUrl(path), method, payload);
}

const sleep = milliseconds => new Promise(resolve => setTimeout(resolve, milliseconds));

/** Runs step again and again, with a pause between runs, until it returns false or target has left the page. */
export async function repeat(step, target) {
  while ((await step()) && target.isConnected) {
    await sleep(pollMilliseconds * 2);
  }
}

/**
 * A long-running PUT or POST: sends it, then polls its Azure-AsyncOperation URL until it is done. Throws the
 * operation's error message when it fails; calls progress(status) on each poll.
 */
export async function armOperation(path, method, payload, progress = () => {}) {
  const started = await send(armUrl(path), method, payload);
  const status = started.headers.get("Azure-AsyncOperation");
  if (!status) {
    return started.body;
  }
  for (;;) {
    const operation = await call(status);
    progress(operation.status);
    if (operation.status === "Succeeded") {
      return started.body;
    }
    if (operation.status === "Failed" || operation.status === "Canceled") {
      throw new Error(operation.error?.message ?? `The operation ${operation.status.toLowerCase()}.`);
    }
    await sleep(pollMilliseconds);
  }
}

/** A datastore file's content, fetched with the page's token. */
async function content(uri) {
  const response = await fetch(`studio/files/content?uri=${encodeURIComponent(uri)}`, { headers: { Authorization: `Bearer ${bearer()}` } });
  if (!response.ok) {
    throw serviceError(response, await response.json().catch(() => ({})));
  }
  return response;
}

/** Datastore files the studio reads for the page (a model's or a job output's files, MLmodels, logs). */
export const files = {
  list: uri => call(`studio/files?uri=${encodeURIComponent(uri)}`).then(body => body.value),
  mlmodel: uri => call(`studio/files/mlmodel?uri=${encodeURIComponent(uri)}`),
  text: async uri => (await content(uri)).text(),
  blob: async uri => (await content(uri)).blob(),
};
