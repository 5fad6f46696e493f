// Models: every registered version with its type, flavors, path and state; a version's details show its signature,
// input example and files, read from the model's datastore.
import { arm } from "./api.js";
import { button, element, enc, paragraph, prettyJson, shortPath, table } from "./dom.js";
import { readModelVersion, signatureRows } from "./mlmodel.js";

export async function showModels() {
  const rows = [];
  for (const container of (await arm("/models?listViewType=All")).value) {
    for (const version of (await arm(`/models/${enc(container.name)}/versions?listViewType=All`)).value) {
      const p = version.properties;
      rows.push([container.name, version.name, p.modelType, Object.keys(p.flavors ?? {}).join(", "), shortPath(p.modelUri), p.isArchived ? "archived" : "active",
        button(`details-${container.name}-${version.name}`, "Details", () => showDetails(container.name, version.name))]);
    }
  }
  const details = element("div", { id: "model-details" });
  document.getElementById("models").replaceChildren(
    rows.length === 0 ? paragraph("No models yet.") : table(["Model", "Version", "Type", "Flavors", "Path", "State", ""], rows, "models-table"), details);
}

async function showDetails(name, version) {
  const target = document.getElementById("model-details");
  target.replaceChildren(paragraph(`Reading ${name}:${version}...`));
  try {
    const details = await readModelVersion(name, version);
    const parts = [element("h2", { textContent: `${name}:${version}` })];
    if (details.mlmodel) {
      parts.push(element("h3", { textContent: "Signature: inputs" }),
        details.inputs ? table(["Name", "Type", "Shape", ""], signatureRows(details.inputs), "signature-inputs") : paragraph("The model has no signature."));
      if (details.outputs) {
        parts.push(element("h3", { textContent: "Signature: outputs" }), table(["Name", "Type", "Shape", ""], signatureRows(details.outputs), "signature-outputs"));
      }
      parts.push(element("h3", { textContent: "Input example" }),
        details.example === null ? paragraph("No input example was saved with the model.") : element("pre", { id: "input-example", textContent: prettyJson(details.example) }));
    }
    parts.push(element("h3", { textContent: "Files" }), table(["File", "Bytes"], details.files.map(file => [file.name, file.size]), "files-table"));
    target.replaceChildren(...parts);
    target.dataset.loaded = `${name}:${version}`;
  } catch (error) {
    target.replaceChildren(paragraph(error.message, { className: "failed" }));
  }
}
