// What the page knows about a model version from its files: the MLmodel's signature and the saved input example,
// and the request the Test tab starts from, in Azure's MLflow input_data format.
import { arm, files } from "./api.js";
import { enc } from "./dom.js";

/** The name and version in a model version's ARM id. */
export function parseModelId(id) {
  const match = /\/models\/([^/]+)\/versions\/([^/]+)$/.exec(id ?? "");
  return match ? { name: decodeURIComponent(match[1]), version: decodeURIComponent(match[2]) } : null;
}

/**
 * A model version with what its files say: files (name, size), and for MLflow models the MLmodel, the signature's
 * inputs and outputs (null when it has none) and the input example (null when none was saved).
 */
export async function readModelVersion(name, version) {
  const resource = await arm(`/models/${enc(name)}/versions/${enc(version)}`);
  const uri = resource.properties.modelUri.replace(/\/$/, "");
  const details = { resource, files: await files.list(uri), mlmodel: null, inputs: null, outputs: null, example: null };
  if (resource.properties.modelType !== "mlflow_model" || !details.files.some(file => file.name === "MLmodel")) {
    return details;
  }
  details.mlmodel = await files.mlmodel(uri);
  const signature = details.mlmodel.signature ?? {};
  details.inputs = signature.inputs ? JSON.parse(signature.inputs) : null;
  details.outputs = signature.outputs ? JSON.parse(signature.outputs) : null;
  const example = details.mlmodel.saved_input_example_info?.artifact_path;
  if (example) {
    details.example = JSON.parse(await files.text(`${uri}/${example}`));
  }
  return details;
}

/** A signature entry as rows: name, type, shape (tensors) and whether it is required (columns). */
export function signatureRows(entries) {
  return (entries ?? []).map(entry => entry.type === "tensor"
    ? [entry.name ?? "(unnamed)", `tensor of ${entry["tensor-spec"]?.dtype}`, JSON.stringify(entry["tensor-spec"]?.shape ?? []), ""]
    : [entry.name ?? "(unnamed)", entry.type, "", entry.required === false ? "optional" : "required"]);
}

const placeholders = { string: "", boolean: false, binary: "", datetime: "1970-01-01T00:00:00" };

/** A tensor of zeros (false, "" for bool and str) in a signature's shape, with one item where any size is allowed (-1). */
function zeros(spec) {
  const fill = spec?.dtype === "bool" ? false : spec?.dtype === "str" || spec?.dtype === "object" ? "" : 0;
  const build = shape => shape.length === 0 ? fill : Array.from({ length: shape[0] < 0 ? 1 : shape[0] }, () => build(shape.slice(1)));
  return build(spec?.shape ?? [-1]);
}

/**
 * The body the Test tab starts from. A saved DataFrame example (split orient, or records) becomes input_data with
 * columns, index and data; a tensor example ({"inputs": ...}) becomes its tensor. Without an example: one row of
 * placeholders for a column signature, and zeros for a tensor signature (one tensor as it is, several by name).
 */
export function exampleRequest(details) {
  const example = details.example;
  if (example && Array.isArray(example.columns) && Array.isArray(example.data)) {
    return { input_data: { columns: example.columns, index: example.data.map((_, i) => i), data: example.data } };
  }
  if (Array.isArray(example) && example.length > 0 && example.every(row => row !== null && typeof row === "object" && !Array.isArray(row))) {
    // Records, which Azure's MLflow server does not read: sent as the split DataFrame it does read.
    const columns = Object.keys(example[0]);
    return { input_data: { columns, index: example.map((_, i) => i), data: example.map(row => columns.map(c => row[c] ?? null)) } };
  }
  if (example && example.inputs !== undefined) {
    return { input_data: example.inputs };
  }
  if (example !== null) {
    return { input_data: example };
  }
  const tensors = (details.inputs ?? []).filter(entry => entry.type === "tensor");
  if (tensors.length === 1) {
    return { input_data: zeros(tensors[0]["tensor-spec"]) };
  }
  if (tensors.length > 1) {
    return { input_data: Object.fromEntries(tensors.map(t => [t.name, zeros(t["tensor-spec"])])) };
  }
  const columns = (details.inputs ?? []).filter(entry => entry.name);
  if (columns.length > 0) {
    return { input_data: { columns: columns.map(c => c.name), index: [0], data: [columns.map(c => placeholders[c.type] ?? 0)] } };
  }
  return { input_data: [] };
}
