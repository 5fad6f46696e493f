// Requests: what the emulator received, newest first, for debugging your own code. Method, path, status and time only:
// headers and bodies carry keys and tokens.
import { call } from "./api.js";
import { table } from "./dom.js";

export async function showRequests() {
  const body = await call("studio/requests");
  document.getElementById("requests").replaceChildren(table(["Time", "Method", "Path", "Status"],
    body.value.map(r => [r.time, r.method, r.path, r.status]), "requests-table"));
}
