// Live and mirror traffic, checked with the SDK's rules and messages (TrafficRules.cs) before anything is sent, then
// saved as the SDK saves it: read the endpoint, PUT it back with the new split, follow the operation.
import { arm, armOperation } from "./api.js";
import { enc } from "./dom.js";

const maxMirrorTotal = 50;
const describe = split => Object.entries(split).map(([name, percent]) => `${name}=${percent}`).join(", ");
const sum = split => Object.values(split).reduce((total, percent) => total + percent, 0);

export function checkTraffic(endpointName, traffic, mirror, deployments) {
  for (const [name, percent] of [...Object.entries(traffic), ...Object.entries(mirror)]) {
    if (!Number.isInteger(percent) || percent < 0 || percent > 100) {
      throw new Error(`Traffic for deployment '${name}' on endpoint '${endpointName}' is ${percent}; each value must be between 0 and 100.`);
    }
  }
  const total = sum(traffic);
  if (total !== 100 && total !== 0) {
    throw new Error(`Traffic on endpoint '${endpointName}' sums to ${total} (${describe(traffic)}); it must sum to 100, or be 0 for every deployment.`);
  }
  const mirrorTotal = sum(mirror);
  if (mirrorTotal > maxMirrorTotal) {
    throw new Error(`Mirror traffic on endpoint '${endpointName}' sums to ${mirrorTotal} (${describe(mirror)}); it may be at most ${maxMirrorTotal}.`);
  }
  for (const [name, percent] of Object.entries(mirror)) {
    if (percent > 0 && traffic[name] === 100) {
      throw new Error(`Deployment '${name}' on endpoint '${endpointName}' receives 100% of live traffic and cannot also receive mirror traffic.`);
    }
  }
  const known = new Set(deployments.map(name => name.toLowerCase()));
  for (const [name, percent] of [...Object.entries(traffic), ...Object.entries(mirror)]) {
    if (percent > 0 && !known.has(name.toLowerCase())) {
      const names = known.size === 0 ? "none" : [...deployments].sort().join(", ");
      throw new Error(`Traffic names deployment '${name}', which does not exist on endpoint '${endpointName}' (deployments: ${names}).`);
    }
  }
}

/** Checks, then saves the split; progress(status) is called while the update runs. */
export async function updateTraffic(endpointName, traffic, mirror, deployments, progress = () => {}) {
  checkTraffic(endpointName, traffic, mirror, deployments);
  const path = `/onlineEndpoints/${enc(endpointName)}`;
  const endpoint = await arm(path);
  await armOperation(path, "PUT", {
    location: endpoint.location,
    tags: endpoint.tags,
    identity: endpoint.identity,
    kind: endpoint.kind,
    properties: { ...endpoint.properties, traffic, mirrorTraffic: mirror },
  }, progress);
}
