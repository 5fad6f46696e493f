"""The step runner of the Python conformance scenario.

Each step is a function registered with @step(group, name), run in the order it was defined. A step passes when it
returns; any exception fails it with its type and message. Every result is one JSON line in the report file, so the
NUnit test that started the emulator reads what happened step by step even if the interpreter dies half-way.
"""
import atexit
import json
import os
import shutil
import sys
import tempfile
import time
import traceback

_STEPS = []


def emulator_client(connection_path, prefix):
    """An azure-ai-ml MLClient of the emulator a connection file describes, pointed at it as the client's own developers
    point it at a local service: AZUREML_DEV_URL_MFE for the resource manager, REQUESTS_CA_BUNDLE for the certificate,
    and a credential whose token the emulator accepts. Returns the connection, a work folder and the client."""
    with open(connection_path, encoding="utf-8") as f:
        connection = json.load(f)
    work = tempfile.mkdtemp(prefix=prefix)
    # The work folder holds the certificate the client trusts for the whole run; removed when the interpreter exits.
    atexit.register(shutil.rmtree, work, True)
    certificate = os.path.join(work, "emulator.pem")
    with open(certificate, "w", encoding="utf-8") as f:
        f.write(connection["certificate"])
    os.environ["AZUREML_DEV_URL_MFE"] = connection["endpoint"].rstrip("/")
    os.environ["REQUESTS_CA_BUNDLE"] = certificate

    from azure.core.credentials import AccessToken
    from azure.ai.ml import MLClient

    class AnyToken:
        """The emulator accepts any bearer token; a real workspace would take DefaultAzureCredential here."""

        def get_token(self, *scopes, **kwargs):
            return AccessToken("conformance-token", int(time.time()) + 3600)

    client = MLClient(AnyToken(), connection["subscription_id"], connection["resource_group"], connection["workspace_name"])
    return connection, work, client


class Failed(AssertionError):
    """A check inside a step that did not hold."""


def check(condition, message):
    if not condition:
        raise Failed(message)


def listed(name, names):
    """`name` is among the names a list returned."""
    names = list(names)
    if name not in names:
        raise Failed(f"{name!r} is not listed: {names[:20]}")


def equal(actual, expected, what):
    if actual != expected:
        raise Failed(f"{what}: expected {expected!r}, got {actual!r}")


class ClientLimited(Exception):
    """The client itself addressed a host no emulator can be: the step shows the limit, listed in client-limited.md."""


def client_limited(call, host, seconds=60):
    """Runs `call` until the client sends a request to `host`, then fails the step with the URL it used.

    The clients retry an unreachable host for minutes (azure-storage-blob backs off 15 s, 18 s, 42 s...); what the
    step has to show is where the client went, which its own request log says on the first attempt. The call goes on
    in a daemon thread that ends with the interpreter.
    """
    import logging
    import threading

    seen = threading.Event()
    urls = []
    outcome = {}

    class Watch(logging.Handler):
        def emit(self, record):
            text = record.getMessage()
            if host in text and not seen.is_set():
                urls.append(text)
                seen.set()

    watcher = Watch()
    azure = logging.getLogger("azure")
    previous = azure.level
    azure.addHandler(watcher)
    azure.setLevel(logging.DEBUG)

    def target():
        try:
            outcome["value"] = call()
        except BaseException as error:  # reported below
            outcome["error"] = error
        seen.set()

    try:
        threading.Thread(target=target, daemon=True).start()
        seen.wait(seconds)
    finally:
        azure.removeHandler(watcher)
        azure.setLevel(previous)
    if urls:
        raise ClientLimited(f"the client sent a request to {host}: {urls[0][:300]}")
    if "error" in outcome:
        raise outcome["error"]
    if "value" in outcome:
        raise Failed("the call succeeded: the client no longer has this limit; move the step out of client-limited.md")
    raise Failed(f"no request to {host} within {seconds} s")


def step(group, name):
    def register(fn):
        _STEPS.append((group, name, fn))
        return fn

    return register


def run(report_path, only=None):
    """Runs every registered step (or those whose 'group/name' contains `only`) and writes the report."""
    passed = failed = 0
    with open(report_path, "w", encoding="utf-8") as report:
        for group, name, fn in _STEPS:
            if only and only not in f"{group}/{name}":
                continue
            started = time.monotonic()
            result = {"group": group, "step": name}
            try:
                fn()
                result["ok"] = True
                passed += 1
            except BaseException as error:  # a step's failure is data; the scenario goes on
                if isinstance(error, KeyboardInterrupt):
                    raise
                result["ok"] = False
                result["error"] = f"{type(error).__name__}: {error}"[:4000]
                result["trace"] = "".join(traceback.format_exception(error))[-6000:]
                failed += 1
            result["seconds"] = round(time.monotonic() - started, 3)
            report.write(json.dumps(result) + "\n")
            report.flush()
            mark = "ok  " if result["ok"] else "FAIL"
            print(f"{mark} {group} / {name}" + ("" if result["ok"] else f": {result['error'][:500]}"), flush=True)
    print(f"{passed} passed, {failed} failed", flush=True)
    return failed
