"""The test and demo emulator: moto (pinned in requirements.txt), patched to answer as AWS does,
behind a small WSGI layer that logs every request, injects faults on demand and seeds scenarios.

Run with the venv's python: `python launcher.py [--port N]`. It prints `PORT <n>` on stdout once it
listens on 127.0.0.1, and exits when its stdin closes (so a test run never leaves it behind).

Control endpoints (loopback only, never part of AWS):
  GET  /_awsvpc/log?account=A         requests seen for account A: [{"service", "operation",
                                      "params"}], params as the request carried them (the JSON
                                      body; a query request's form, one value a key)
  POST /_awsvpc/log/clear?account=A
  POST /_awsvpc/faults                [{"account", "region", "service", "operation", "kind", "times", "delay"}]
                                      kind: throttle (the service's own code), 500, 503, denied,
                                      delay, drop (before AWS sees it), drop_after / 500_after
                                      (AWS did the work, the answer is lost);
                                      {"account", "rates": {kind: p}, "seed"}: random faults, each
                                      request faulted with kind at probability p (seeded)
  POST /_awsvpc/faults/injected       random faults injected per kind so far
  POST /_awsvpc/buckets               {"account", "buckets": [{"service", "burst", "rate"}]}: AWS's
                                      request throttling (token buckets) for the account
  POST /_awsvpc/buckets/throttled     throttling answers per service so far
  POST /_awsvpc/latency               {"account", "seconds"}: every answer of the account takes at
                                      least this long (the benchmark's AWS-like model; calls overlap)
  POST /_awsvpc/seed                  {"scenario", "account", "params"} -> what was created
  POST /_awsvpc/task                  {"account", "cluster", "task", ...fields} sets task state
  POST /_awsvpc/tasks?account=A       every task the backend holds for the account (the oracle the
                                      tests count launched tasks with, not the product's output):
                                      [{"arn", "cluster", "last_status", "desired_status",
                                      "started_by", "group", "tags", "task_definition",
                                      "container_instance", "launch_type",
                                      "capacity_provider", "platform_version", "overrides",
                                      "enable_execute_command", "stop_code", "stopped_reason"}]
  POST /_awsvpc/enis?account=A        every network interface EC2 holds for the account (the oracle
                                      for ENIs released: [{"id", "subnet", "status", "type",
                                      "description", "ipv6"}])
  POST /_awsvpc/lifecycle             {"account", "config"}: the task lifecycle's durations (each
                                      state's seconds; patches/ecs_lifecycle.py)

Accounts: an access key id of 12 digits is taken as the account id, so that every test works in
an account of its own on one shared emulator.
"""

import io
import json
import os
import random
import sys
import threading
import time
import urllib.parse
import uuid

import patches  # noqa: F401  (applies the AWS-fidelity patches to moto on import)

from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.serving import make_server

import scenarios

DEFAULT_ACCOUNT = "123456789012"


def signed_region(environ):
    """The region a request is signed for (SigV4 credential scope: KEY/DATE/REGION/SERVICE/...)."""
    auth = environ.get("HTTP_AUTHORIZATION", "")
    if "Credential=" not in auth:
        return None
    parts = auth.split("Credential=", 1)[1].split(",", 1)[0].split("/")
    return parts[2] if len(parts) > 2 else None


def identify(environ, body):
    """(account, service, operation, key is an account id) of an AWS request."""
    auth = environ.get("HTTP_AUTHORIZATION", "")
    account, service, by_id = DEFAULT_ACCOUNT, "unknown", False
    if "Credential=" in auth:
        cred = auth.split("Credential=", 1)[1].split(",", 1)[0]
        parts = cred.split("/")
        if parts and len(parts[0]) == 12 and parts[0].isdigit():
            account, by_id = parts[0], True
        elif parts:
            # A real access key (an IAM user's, for IAM enforcement tests): its account.
            from moto.iam.models import get_account_id_from
            account = get_account_id_from(parts[0])
        if len(parts) >= 4:
            service = parts[3]
    target = environ.get("HTTP_X_AMZ_TARGET", "")
    if target:
        op = target.rsplit(".", 1)[-1]
    else:
        form = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
        op = (form.get("Action") or ["unknown"])[0]
    return account, service, op, by_id


def request_params(environ, body):
    """The parameters a request carried, for the tests that assert a filter reached AWS: the JSON
    body of the JSON protocols, the form of the query protocols (one value a key)."""
    text = body.decode("utf-8", "replace")
    if environ.get("HTTP_X_AMZ_TARGET"):
        try:
            return json.loads(text or "{}")
        except ValueError:
            return {}
    return {k: v[0] for k, v in urllib.parse.parse_qs(text).items()}


class Faults:
    def __init__(self):
        self.lock = threading.Lock()
        self.rules = []
        self.injected = {}

    def add(self, rules):
        with self.lock:
            for r in rules:
                if "rates" in r:
                    # Random faults: the n-th attempt of each operation draws from a generator
                    # seeded with (seed, service, operation, n), so a failing seed replays the
                    # same faults whatever order concurrent calls arrive in.
                    r["attempts"] = {}
                self.rules.append(r)

    def clear(self, account):
        with self.lock:
            self.rules = [r for r in self.rules if r.get("account") != account]
            self.injected = {k: v for k, v in self.injected.items() if k[0] != account}

    def counts(self, account):
        with self.lock:
            return {kind: n for (acct, kind), n in self.injected.items() if acct == account}

    def take(self, account, service, op, region=None):
        with self.lock:
            for r in self.rules:
                if r.get("account", account) != account or r.get("region", region) != region:
                    continue
                if r.get("service", service) != service or r.get("operation", op) != op:
                    continue
                if "rates" in r:
                    n = r["attempts"].get((service, op), 0)
                    r["attempts"][(service, op)] = n + 1
                    draw, edge = random.Random(f"{r.get('seed', 0)}:{service}:{op}:{n}").random(), 0.0
                    for kind, rate in sorted(r["rates"].items()):
                        edge += float(rate)
                        if draw < edge:
                            self.injected[(account, kind)] = self.injected.get((account, kind), 0) + 1
                            return {"kind": kind, "operation": op}
                    continue
                if r.get("times", 1) <= 0:
                    continue
                r["times"] = r.get("times", 1) - 1
                return dict(r)
        return None


# Services of the JSON protocols (X-Amz-Target): their errors are JSON `__type` documents with an
# x-amzn-ErrorType header, "ThrottlingException" and "AccessDeniedException" (API References,
# Common Errors of ECS, CloudWatch Logs, Secrets Manager, Systems Manager, ECR). The query-protocol
# services answer XML: EC2 `<Response><Errors>` (RequestLimitExceeded, UnauthorizedOperation),
# IAM / STS / ELBv2 `<ErrorResponse>` (Throttling, AccessDenied).
JSON_SERVICES = {"ecs", "logs", "secretsmanager", "ssm", "ecr", "ecr-public", "kms"}


def _json_error(start_response, status, code, message, rid):
    body = json.dumps({"__type": code, "message": message})
    start_response(status, [("Content-Type", "application/x-amz-json-1.1"), ("x-amzn-ErrorType", code),
                            ("x-amzn-RequestId", rid)])
    return [body.encode()]


def fault_response(fault, service, start_response):
    kind = fault["kind"]
    rid = str(uuid.uuid4())
    if kind == "throttle":
        if service in JSON_SERVICES:
            return _json_error(start_response, "400 Bad Request", "ThrottlingException", "Rate exceeded", rid)
        if service == "ec2":
            body = (f"<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded."
                    f"</Message></Error></Errors><RequestID>{rid}</RequestID></Response>")
            start_response("503 Service Unavailable", [("Content-Type", "text/xml")])
            return [body.encode()]
        body = (f"<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message>"
                f"</Error><RequestId>{rid}</RequestId></ErrorResponse>")
        start_response("400 Bad Request", [("Content-Type", "text/xml")])
        return [body.encode()]
    if kind in ("500", "503"):
        # AWS's server errors in each protocol's shape: ECS's own ServerException (ECS API
        # Reference, Errors) and the common InternalFailure / ServiceUnavailable of the other JSON
        # services (Common Errors); EC2's InternalError / Unavailable (EC2 API Reference, Error
        # codes for the Amazon EC2 API); the query services' <ErrorResponse> with Type Receiver.
        status = "500 Internal Server Error" if kind == "500" else "503 Service Unavailable"
        if service in JSON_SERVICES:
            code = "ServerException" if service == "ecs" and kind == "500" else (
                "InternalFailure" if kind == "500" else "ServiceUnavailable")
            message = "Service encountered an internal error." if kind == "500" else "Service is unavailable."
            return _json_error(start_response, status, code, message, rid)
        if service == "ec2":
            code, message = ("InternalError", "An internal error has occurred") if kind == "500" else (
                "Unavailable", "The server is overloaded and can't handle the request.")
            body = (f"<Response><Errors><Error><Code>{code}</Code><Message>{message}</Message></Error></Errors>"
                    f"<RequestID>{rid}</RequestID></Response>")
            start_response(status, [("Content-Type", "text/xml")])
            return [body.encode()]
        code = "InternalFailure" if kind == "500" else "ServiceUnavailable"
        body = (f"<ErrorResponse><Error><Type>Receiver</Type><Code>{code}</Code><Message>{code}</Message></Error>"
                f"<RequestId>{rid}</RequestId></ErrorResponse>")
        start_response(status, [("Content-Type", "text/xml")])
        return [body.encode()]
    if kind == "denied":
        action = f"{service}:{fault.get('operation', '*')}"
        if service in JSON_SERVICES:
            return _json_error(start_response, "400 Bad Request", "AccessDeniedException",
                               f"User is not authorized to perform: {action}", rid)
        if service == "ec2":
            body = (f"<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform "
                    f"this operation.</Message></Error></Errors><RequestID>{rid}</RequestID></Response>")
        else:
            body = (f"<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User is not authorized to "
                    f"perform: {action}</Message></Error><RequestId>{rid}</RequestId></ErrorResponse>")
        start_response("403 Forbidden", [("Content-Type", "text/xml")])
        return [body.encode()]
    raise ValueError(f"unknown fault kind {kind}")


def drop(environ):
    import socket

    sock = environ.get("werkzeug.socket")
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        sock.close()
    return []


class Buckets:
    """AWS's request throttling, off unless a test sets it: one token bucket per account, Region
    (the one a request is signed for) and service, `burst` tokens refilled at `rate` per second, one token per
    request, a throttling answer when it is empty ("Request throttling for the Amazon ECS API", ECS
    API Reference: token bucket per account and Region; "Request throttling for the Amazon EC2
    API", EC2 API Reference: bucket size and refill rate)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.rules = {}
        self.buckets = {}
        self.throttled = {}

    def set(self, account, rules):
        """(Re)sets the account's buckets, full, in every Region."""
        with self.lock:
            for r in rules:
                self.rules[(account, r["service"])] = (float(r["burst"]), float(r["rate"]))
                for key in [k for k in self.buckets if k[0] == account and k[2] == r["service"]]:
                    del self.buckets[key]

    def take(self, account, service, region=None):
        with self.lock:
            rule = self.rules.get((account, service))
            if rule is None:
                return True
            b = self.buckets.setdefault((account, region, service), [rule[0], rule[1], rule[0], time.monotonic()])
            burst, rate, tokens, last = b
            now = time.monotonic()
            tokens = min(burst, tokens + (now - last) * rate)
            if tokens >= 1.0:
                b[2], b[3] = tokens - 1.0, now
                return True
            b[2], b[3] = tokens, now
            self.throttled[(account, service)] = self.throttled.get((account, service), 0) + 1
            return False

    def counts(self, account):
        with self.lock:
            return {svc: n for (acct, svc), n in self.throttled.items() if acct == account}


class Layer:
    def __init__(self, app, port_ref):
        self.app = app
        self.port_ref = port_ref
        self.faults = Faults()
        self.buckets = Buckets()
        self.latency = {}
        self.lock = threading.Lock()
        self.log = {}

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path.startswith("/_awsvpc/"):
            return self.control(path, environ, start_response)
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        environ["wsgi.input"] = io.BytesIO(body)
        account, service, op, by_id = identify(environ, body)
        if by_id:
            environ["HTTP_X_MOTO_ACCOUNT_ID"] = account
        with self.lock:
            self.log.setdefault(account, []).append({"service": service, "operation": op,
                                                     "params": request_params(environ, body)})
        if self.latency.get(account):
            time.sleep(self.latency[account])
        if not self.buckets.take(account, service, signed_region(environ)):
            return fault_response({"kind": "throttle"}, service, start_response)
        fault = self.faults.take(account, service, op, signed_region(environ))
        if fault:
            kind = fault["kind"]
            if kind == "delay":
                time.sleep(float(fault.get("delay", 1)))
            elif kind == "drop":
                # The connection closes before the request reaches AWS.
                return drop(environ)
            elif kind in ("drop_after", "500_after"):
                # AWS did the work, then the answer was lost: only idempotency saves a retry.
                status = []
                b"".join(self.app(environ, lambda st, headers, exc=None: status.append(st)))
                if kind == "drop_after":
                    return drop(environ)
                return fault_response({"kind": "500"}, service, start_response)
            else:
                return fault_response(fault, service, start_response)
        # Tasks take the states whose time has come before AWS answers (patches/ecs_lifecycle.py).
        patches.settle()
        if service in ("ec2", "iam", "elasticloadbalancing"):
            return self.query_denials(environ, start_response, service)
        return self.app(environ, start_response)

    def query_denials(self, environ, start_response, service):
        """moto answers IAM-enforcement denials of query-protocol services with an XML shape the
        SDK cannot read; AWS uses each service's own error document (EC2: UnauthorizedOperation)."""
        captured = {}

        def capture(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, headers

        body = b"".join(self.app(environ, capture))
        if not captured["status"].startswith("403"):
            start_response(captured["status"], captured["headers"])
            return [body]
        import re
        text = body.decode("utf-8", "replace")
        message = (re.search(r"<Message>(.*?)</Message>", text, re.S) or re.search(r"(.*)", "access denied")).group(1)
        rid = str(uuid.uuid4())
        if service == "ec2":
            doc = (f"<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>{message}</Message></Error></Errors>"
                   f"<RequestID>{rid}</RequestID></Response>")
        else:
            doc = (f"<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>{message}</Message></Error>"
                   f"<RequestId>{rid}</RequestId></ErrorResponse>")
        start_response("403 Forbidden", [("Content-Type", "text/xml"), ("Content-Length", str(len(doc)))])
        return [doc.encode()]

    def control(self, path, environ, start_response):
        query = urllib.parse.parse_qs(environ.get("QUERY_STRING", ""))
        length = int(environ.get("CONTENT_LENGTH") or 0)
        raw = environ["wsgi.input"].read(length) if length else b""
        data = json.loads(raw) if raw else {}
        account = (query.get("account") or [data.get("account", DEFAULT_ACCOUNT) if isinstance(data, dict) else DEFAULT_ACCOUNT])[0]
        try:
            if path == "/_awsvpc/log":
                with self.lock:
                    result = list(self.log.get(account, []))
            elif path == "/_awsvpc/log/clear":
                with self.lock:
                    self.log[account] = []
                result = {"ok": True}
            elif path == "/_awsvpc/faults/clear":
                self.faults.clear(account)
                result = {"ok": True}
            elif path == "/_awsvpc/faults/injected":
                result = self.faults.counts(account)
            elif path == "/_awsvpc/faults":
                self.faults.add(data if isinstance(data, list) else [data])
                result = {"ok": True}
            elif path == "/_awsvpc/buckets":
                self.buckets.set(account, data["buckets"])
                result = {"ok": True}
            elif path == "/_awsvpc/latency":
                self.latency[account] = float(data.get("seconds", 0))
                result = {"ok": True}
            elif path == "/_awsvpc/buckets/throttled":
                result = self.buckets.counts(account)
            elif path == "/_awsvpc/seed":
                endpoint = f"http://127.0.0.1:{self.port_ref[0]}"
                result = scenarios.seed(endpoint, data["scenario"], data.get("account", DEFAULT_ACCOUNT), data.get("params", {}))
            elif path == "/_awsvpc/task":
                result = scenarios.set_task(data)
            elif path == "/_awsvpc/tasks":
                patches.settle()
                result = scenarios.backend_tasks(account)
            elif path == "/_awsvpc/enis":
                patches.settle()
                result = scenarios.backend_enis(account)
            elif path == "/_awsvpc/lifecycle":
                patches.set_lifecycle(data["account"], data.get("region", "us-east-1"), data.get("config", {}))
                result = {"ok": True}
            else:
                start_response("404 Not Found", [("Content-Type", "application/json")])
                return [b'{"error": "unknown control path"}']
        except Exception as e:  # reported to the test, which fails with it
            import traceback
            start_response("500 Internal Server Error", [("Content-Type", "application/json")])
            return [json.dumps({"error": repr(e), "trace": traceback.format_exc()}).encode()]
        payload = json.dumps(result).encode()
        start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(payload)))])
        return [payload]


class QuietHandler(MotoRequestHandler):
    """No line per request on stderr (set AWSVPC_EMULATOR_VERBOSE=1 to see them)."""

    def log_request(self, *args, **kwargs):
        if os.environ.get("AWSVPC_EMULATOR_VERBOSE"):
            super().log_request(*args, **kwargs)


def main():
    port = 0
    if "--port" in sys.argv:
        port = int(sys.argv[sys.argv.index("--port") + 1])
    port_ref = [port]
    app = Layer(DomainDispatcherApplication(create_backend_app), port_ref)
    server = make_server("127.0.0.1", port, app, threaded=True, request_handler=QuietHandler)
    port_ref[0] = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"PORT {port_ref[0]}", flush=True)
    if "--no-stdin-watch" in sys.argv:
        threading.Event().wait()
    # The parent closing our stdin (or dying) ends the emulator.
    sys.stdin.read()
    os._exit(0)


if __name__ == "__main__":
    main()
