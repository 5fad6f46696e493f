// The step runner of the JavaScript conformance scenario.
//
// Steps are registered with step(group, name, fn) and run in that order. A step passes when its function resolves;
// anything it throws fails it with the error's type and message, and the scenario goes on with the next step. Each
// result is written to the report file as one JSON line the moment the step ends, so the NUnit test that started the
// emulator can read what happened step by step even if node dies half-way.
import { appendFileSync, writeFileSync } from "node:fs";
import { isDeepStrictEqual, inspect } from "node:util";

const steps = [];

/** A check inside a step that did not hold. */
export class Failed extends Error {
  constructor(message) {
    super(message);
    this.name = "Failed";
  }
}

class StepTimeout extends Error {
  constructor(message) {
    super(message);
    this.name = "Timeout";
  }
}

/** How long one step may run (env CONFORMANCE_STEP_SECONDS, 240 by default). */
const stepSeconds = Number(process.env.CONFORMANCE_STEP_SECONDS) > 0 ? Number(process.env.CONFORMANCE_STEP_SECONDS) : 240;

export function step(group, name, fn) {
  steps.push({ group, name, fn });
}

export function check(condition, message) {
  if (!condition) {
    throw new Failed(message);
  }
}

function show(value) {
  return inspect(value, { depth: 6, breakLength: Infinity, maxArrayLength: 20 });
}

/** Deep equality (objects, arrays, primitives), with both values in the message. */
export function equal(actual, expected, what) {
  if (!isDeepStrictEqual(actual, expected)) {
    throw new Failed(`${what}: expected ${show(expected)}, got ${show(actual)}`);
  }
}

/** Two lists of numbers, element by element, within a tolerance. */
export function close(actual, expected, what, tolerance = 1e-6) {
  check(Array.isArray(actual), `${what}: expected a list of numbers, got ${show(actual)}`);
  equal(actual.length, expected.length, `${what}: number of predictions`);
  actual.forEach((value, i) => {
    check(typeof value === "number" && Math.abs(value - expected[i]) <= tolerance, `${what}: prediction ${i} is ${show(value)}, expected ${expected[i]}`);
  });
}

/** Type and message; for an HTTP error of the Azure core pipeline, also the status and the request that got it. */
function describe(error) {
  if (!(error instanceof Error)) {
    return `Thrown: ${show(error)}`;
  }
  let text = `${error.name}: ${error.message}`;
  if (error.statusCode !== undefined && error.request) {
    let path = error.request.url;
    try {
      const url = new URL(error.request.url);
      path = url.pathname + url.search;
    } catch {
      // keep the url as it is
    }
    text += ` [HTTP ${error.statusCode} on ${error.request.method} ${path}]`;
  }
  return text;
}

/**
 * Runs every registered step (or those whose "group/name" contains `only`), and answers the number that failed. A
 * step that timed out may leave a poller running, so the caller ends the process rather than waiting for the loop.
 */
export async function run(reportPath, only) {
  writeFileSync(reportPath, "");
  let passed = 0;
  let failed = 0;
  for (const { group, name, fn } of steps) {
    if (only && !`${group}/${name}`.includes(only)) {
      continue;
    }
    const started = performance.now();
    const result = { group, step: name };
    let timer;
    try {
      // A step that hangs (an operation the emulator never ends) fails alone instead of stopping the scenario.
      const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new StepTimeout(`the step did not end within ${stepSeconds} s`)), stepSeconds * 1000);
      });
      await Promise.race([Promise.resolve().then(fn), timeout]);
      result.ok = true;
      passed++;
    } catch (error) {
      result.ok = false;
      result.error = describe(error).slice(0, 4000);
      result.trace = String(error?.stack ?? error).slice(-6000);
      failed++;
    } finally {
      clearTimeout(timer);
    }
    result.seconds = Math.round(performance.now() - started) / 1000;
    appendFileSync(reportPath, JSON.stringify(result) + "\n");
    console.log(result.ok ? `ok   ${group} / ${name}` : `FAIL ${group} / ${name}: ${result.error.slice(0, 500)}`);
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed;
}
