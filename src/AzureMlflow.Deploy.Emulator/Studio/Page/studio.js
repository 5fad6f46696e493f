// The emulator's studio: tabs over the workspace, read and changed through the emulator's own ARM and scoring routes
// with the same bearer-token check any client gets. No framework and nothing fetched from outside the emulator.
import { connect } from "./api.js";
import { showBatch } from "./batch.js";
import { showDeploy } from "./deploy.js";
import { showEndpoints } from "./endpoints.js";
import { showModels } from "./models.js";
import { showRequests } from "./requests.js";
import { showTest } from "./test.js";

const views = { models: showModels, endpoints: showEndpoints, deploy: showDeploy, test: showTest, batch: showBatch, requests: showRequests };

/** Shows a tab; body[data-loaded] names it once its data is on the page (tests and people wait for that). */
async function show(view) {
  document.getElementById("error").textContent = "";
  delete document.body.dataset.loaded;
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

document.getElementById("workspace").textContent = await connect();
for (const button of document.querySelectorAll("nav button")) {
  button.addEventListener("click", () => {
    history.replaceState(null, "", `#${button.dataset.view}`);
    show(button.dataset.view);
  });
}
// A tab can be linked to: /studio#endpoints.
const linked = location.hash.slice(1);
await show(linked in views ? linked : "models");
