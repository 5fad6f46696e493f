// Batch: endpoints, their deployments and jobs. A job's status and progress refresh while it runs; its log and its
// output files (downloadable) are read from the workspace's datastores, where the job writes them.
import { arm, call, files, repeat } from "./api.js";
import { button, element, enc, modelName, paragraph, reporting, shortPath, table } from "./dom.js";

const terminal = new Set(["Completed", "Failed", "Canceled", "NotResponding"]);

/** Where a batch job's log is: the artifact store, under the job's run (as the SDK's job streaming reads it). */
const logUri = job => `azureml://datastores/workspaceartifactstore/paths/ExperimentRun/dcid.${job}/logs/azureml/executionlogs.txt`;

/** Progress from the job's log: the file count it announces, and the files scored or failed so far. */
export function progressFromLog(log) {
  const total = /(\d+) file\(s\) in \d+ mini-batch\(es\)/.exec(log);
  if (!total) {
    return "";
  }
  const scored = (log.match(/Mini-batch \d+: .* row\(s\) scored\./g) ?? []).length;
  const failed = (log.match(/Mini-batch \d+: .* failed: /g) ?? []).length;
  return `${scored + failed} of ${total[1]} file(s)${failed > 0 ? `, ${failed} failed` : ""}`;
}

async function readLog(job) {
  try {
    return await files.text(logUri(job));
  } catch (error) {
    if (error.status === 404) {
      return ""; // not started yet
    }
    throw error;
  }
}

/** The job rows being refreshed, so that showing a log does not start a second refresh of the same row. */
const following = new WeakSet();

/** Refreshes a job's row (and its log, when shown) until the job stops or leaves the page. */
async function followJob(name, cells) {
  if (following.has(cells)) {
    return;
  }
  following.add(cells);
  await reporting(cells.status, () => repeat(async () => {
    const [job, log] = await Promise.all([arm(`/jobs/${enc(name)}`), readLog(name)]);
    const status = job.properties.status;
    cells.status.textContent = status;
    cells.status.dataset.status = status;
    cells.progress.textContent = progressFromLog(log);
    const shown = document.getElementById(`job-log-${name}`);
    if (shown) {
      shown.textContent = log;
    }
    return !terminal.has(status);
  }, cells.status)).finally(() => following.delete(cells));
}

/** Saves a file from the datastore: fetched with the page's token, then handed to the browser as a download. */
async function download(uri, name) {
  const content = await files.blob(uri);
  const link = element("a", { href: URL.createObjectURL(content), download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

/** A link that downloads a datastore file (a plain href could not carry the page's token). */
function downloadLink(id, uri, name) {
  const link = element("a", { id, href: "#", textContent: name });
  link.addEventListener("click", event => {
    event.preventDefault();
    reporting(link, () => download(uri, name.split("/").at(-1)));
  });
  return link;
}

async function showOutputs(job, target) {
  await reporting(target, async () => {
    const folder = job.properties.outputData?.score?.uri?.replace(/\/$/, ""); // the data plane's name for outputs
    const found = folder ? await files.list(folder) : [];
    target.replaceChildren(element("h3", { textContent: `Outputs of ${job.name} (${shortPath(folder)})` }),
      found.length === 0 ? paragraph("No output files yet.") : table(["File", "Bytes"], found.map(file => [
        downloadLink(`download-${job.name}-${file.name}`, `${folder}/${file.name}`, file.name), file.size]), `job-output-files-${job.name}`));
  });
}

/** The jobs table; each row is added to followed, to be refreshed once the table is on the page. */
async function showJobs(endpoint, details, followed) {
  const jobs = (await call(endpoint.properties.scoringUri)).value.sort((a, b) => b.systemData.createdAt.localeCompare(a.systemData.createdAt));
  if (jobs.length === 0) {
    return paragraph("No jobs yet.");
  }
  const rows = jobs.map(job => {
    const cells = { status: element("span", { id: `job-status-${job.name}`, textContent: job.properties.status }), progress: element("span", { id: `job-progress-${job.name}` }) };
    followed.push([job.name, cells]);
    return [job.name, job.properties.tags?.["azureml.deploymentname"], cells.status, cells.progress, job.systemData.createdAt,
      button(`job-logs-${job.name}`, "Log", () => {
        details.replaceChildren(element("h3", { textContent: `Log of ${job.name}` }), element("pre", { id: `job-log-${job.name}`, className: "log" }));
        followJob(job.name, cells);
      }),
      button(`job-outputs-${job.name}`, "Outputs", () => showOutputs(job, details))];
  });
  return table(["Job", "Deployment", "Status", "Progress", "Created", "", ""], rows, `batch-jobs-${endpoint.name}`);
}

export async function showBatch() {
  const parts = [];
  const followed = [];
  for (const endpoint of (await arm("/batchEndpoints")).value) {
    const p = endpoint.properties;
    const details = element("div", { id: `batch-details-${endpoint.name}` });
    const deployments = (await arm(`/batchEndpoints/${enc(endpoint.name)}/deployments`)).value;
    parts.push(element("h2", { textContent: endpoint.name }),
      table(["State", "Auth mode", "Scoring URI", "Default deployment"], [[p.provisioningState, p.authMode, p.scoringUri, p.defaults?.deploymentName]], `batch-endpoint-${endpoint.name}`),
      deployments.length === 0 ? paragraph("No deployments yet.") : table(["Deployment", "Model", "Compute", "Instances", "Mini-batch size", "Output", "State"],
        deployments.map(d => [d.name, modelName(d.properties.model?.assetId), d.properties.compute?.split("/").at(-1), d.properties.resources?.instanceCount,
          d.properties.miniBatchSize, d.properties.outputFileName ?? d.properties.outputAction, d.properties.provisioningState]), `batch-deployments-${endpoint.name}`),
      element("h3", { textContent: "Jobs" }),
      await showJobs(endpoint, details, followed),
      details);
  }
  document.getElementById("batch").replaceChildren(...(parts.length === 0 ? [paragraph("No batch endpoints yet.")] : parts));
  // Started once the rows are on the page: a refresh stops when its row has left the page.
  for (const [name, cells] of followed) {
    followJob(name, cells);
  }
}
