"""The benchmark: `awsvpc` against the AWS CLI (plus jq) and against the floor, on the local
emulator, at growing sizes. Run it with scripts/bench.sh (not part of `cargo test`).

For each size (tasks and container instances) it seeds a cluster through the AWS API, then
measures, on the same emulator in one run:
  enis:  `awsvpc enis --cluster C --output json`  vs  scripts/bench/enis-awscli.sh
  check: `awsvpc check --cluster C --output json` vs  scripts/bench/check-awscli.sh
and the floor: the same minimal set of API calls issued directly and concurrently by a small
client (raw HTTP, no SDK), i.e. what the emulator itself needs.
It prints, per size: median wall time, the ratio to the AWS CLI script and to the floor, the
calls per operation, and peak memory (max RSS) of awsvpc.
"""

import argparse
import concurrent.futures as cf
import http.client
import json
import os
import pathlib
import re
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent
# The AWS-like model (--model aws): every answer takes LATENCY seconds (calls overlap), and each
# service has AWS's token bucket per account and region (burst, refill per second): ECS, the
# cluster-read bucket of the ECS request-throttling page; EC2, the Describe* bucket of the EC2 API
# request-throttling page; IAM and ELB publish none (10 at 5 per second, as src/aws/pace.rs).
MODEL_BUCKETS = [{"service": "ecs", "burst": 50, "rate": 20}, {"service": "ec2", "burst": 100, "rate": 20},
                 {"service": "iam", "burst": 10, "rate": 5}, {"service": "elasticloadbalancing", "burst": 10, "rate": 5}]
AWSCLI_PIN = "awscli==1.45.11"


def log(*a):
    print(*a, file=sys.stderr, flush=True)


# --- the emulator -----------------------------------------------------------------------------
class Emulator:
    def __init__(self):
        self.proc = subprocess.Popen([sys.executable, str(ROOT / "tests/emulator/bootstrap.py")],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if not line.startswith("PORT "):
            raise SystemExit(f"the emulator did not start: {line!r}")
        self.port = int(line.split()[1])

    def post(self, path, body):
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", method="POST", data=json.dumps(body).encode())
        return json.loads(urllib.request.urlopen(req, timeout=600).read() or b"null")

    def calls(self, account):
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}/_awsvpc/log?account={account}", method="POST", data=b"")
        log_ = json.loads(urllib.request.urlopen(req).read())
        counts = {}
        for c in log_:
            key = f"{c['service']}.{c['operation']}"
            counts[key] = counts.get(key, 0) + 1
        return counts

    def clear(self, account):
        self.post(f"/_awsvpc/log/clear?account={account}", {})

    def model(self, account, latency):
        """Turns the AWS-like model on for the account, buckets full."""
        self.post("/_awsvpc/latency", {"account": account, "seconds": latency})
        self.post("/_awsvpc/buckets", {"account": account, "buckets": MODEL_BUCKETS})

    def throttled(self, account):
        return sum(self.post(f"/_awsvpc/buckets/throttled?account={account}", {}).values())

    def stop(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=10)


def aws_env(port, account):
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update({
        "AWS_ACCESS_KEY_ID": account, "AWS_SECRET_ACCESS_KEY": "bench", "AWS_REGION": "us-east-1",
        "AWS_DEFAULT_REGION": "us-east-1", "AWS_ENDPOINT_URL": f"http://127.0.0.1:{port}",
        "AWS_EC2_METADATA_DISABLED": "true", "AWS_PAGER": "", "AWS_CONFIG_FILE": "/dev/null",
        "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
    })
    return env


MAXRSS = "awsvpc-bench-maxrss"


def timed(cmd, env, rss=True):
    """(seconds, max RSS in MB, stdout) of one run. The peak memory is GNU time's: the rusage that
    wait4 gives this script for its own child also counts this (large) Python process, whose
    memory the child held between fork and exec (Linux keeps the larger of the two)."""
    start = time.perf_counter()
    proc = subprocess.Popen((["/usr/bin/time", "-f", f"{MAXRSS} %M"] if rss else []) + list(cmd), env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.communicate()
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(map(str, cmd))} failed ({proc.returncode}): {err.decode()[-2000:]}")
    kb = [int(line.split()[1]) for line in err.decode().splitlines() if line.startswith(MAXRSS + " ")]
    return elapsed, (kb[-1] / 1024 if kb else float("nan")), out


def median_of(n, fn, before=None):
    results = []
    for _ in range(n):
        if before:
            before()
        results.append(fn())
    return statistics.median(r[0] for r in results), max(r[1] for r in results), results[-1][2]


# --- the floor: the minimal calls, raw HTTP, concurrent where independent ----------------------
class Floor:
    def __init__(self, port, account):
        self.port, self.account = port, account

    def _auth(self, service):
        return f"AWS4-HMAC-SHA256 Credential={self.account}/20260101/us-east-1/{service}/aws4_request, SignedHeaders=host, Signature=0"

    def ecs(self, op, body):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
        c.request("POST", "/", json.dumps(body), {"X-Amz-Target": f"AmazonEC2ContainerServiceV20141113.{op}",
                                                 "Content-Type": "application/x-amz-json-1.1",
                                                 "Authorization": self._auth("ecs")})
        data = c.getresponse().read()
        c.close()
        return json.loads(data)

    def query(self, service, params):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
        c.request("POST", "/", urllib.parse.urlencode(params), {"Content-Type": "application/x-www-form-urlencoded",
                                                                "Authorization": self._auth(service)})
        data = c.getresponse().read().decode()
        c.close()
        return data

    def list_tasks(self, cluster, pool, on_page):
        token, futures = None, []
        while True:
            body = {"cluster": cluster, "maxResults": 100}
            if token:
                body["nextToken"] = token
            page = self.ecs("ListTasks", body)
            if page.get("taskArns"):
                futures.append(pool.submit(on_page, page["taskArns"]))
            token = page.get("nextToken")
            if not token:
                return [f.result() for f in futures]

    def enis(self, cluster):
        with cf.ThreadPoolExecutor(8) as pool:
            pages = self.list_tasks(cluster, pool, lambda arns: self.ecs("DescribeTasks", {"cluster": cluster, "tasks": arns}))
            ids = [d["value"] for p in pages for t in p["tasks"] for a in t.get("attachments", [])
                   if a["type"] == "ElasticNetworkInterface" for d in a["details"] if d["name"] == "networkInterfaceId"]
            chunks = [ids[i:i + 200] for i in range(0, len(ids), 200)]
            list(pool.map(lambda ch: self.query("ec2", {"Action": "DescribeNetworkInterfaces", "Version": "2016-11-15",
                                                        "Filter.1.Name": "network-interface-id",
                                                        **{f"Filter.1.Value.{i + 1}": v for i, v in enumerate(ch)}}), chunks))

    def check_td(self, cluster):
        """`check --cluster C --task-definition web`: check's calls, the task definition, and the
        pull path of the instances' VPC (route tables, the VPC, its endpoints, network ACLs, the
        S3 prefix list, the default group's and the instances' groups' rules)."""
        self.check(cluster, task_definition="web")

    def check(self, cluster, task_definition=None):
        # What `check --cluster` reads, each call once, each as early as what it needs allows:
        # the service-linked role, the caller's and the account default's settings, the cluster's
        # default strategy and its services' subnets (no --subnets); the tasks; the container
        # instances, their EC2 instances, ENIs, types and roles' settings; the subnets the
        # instances stand in and their VPC's DNS attributes (the tasks' ENIs are in those subnets).
        root = f"arn:aws:iam::{self.account}:root"
        with cf.ThreadPoolExecutor(8) as pool:
            side = [pool.submit(self.query, "iam", {"Action": "GetRole", "Version": "2010-05-08", "RoleName": "AWSServiceRoleForECS"}),
                    pool.submit(self.ecs, "ListAccountSettings", {"effectiveSettings": True}),
                    pool.submit(self.ecs, "ListAccountSettings", {"effectiveSettings": True, "principalArn": root}),
                    pool.submit(self.ecs, "DescribeClusters", {"clusters": [cluster]}),
                    pool.submit(self.ecs, "ListServices", {"cluster": cluster, "maxResults": 100})]
            tasks = pool.submit(self.list_tasks, cluster, pool, lambda arns: self.ecs("DescribeTasks", {"cluster": cluster, "tasks": arns}))
            cis, token = [], None
            while True:
                body = {"cluster": cluster, "maxResults": 100}
                if token:
                    body["nextToken"] = token
                page = self.ecs("ListContainerInstances", body)
                cis.append(pool.submit(self.ecs, "DescribeContainerInstances", {"cluster": cluster, "containerInstances": page["containerInstanceArns"]}))
                token = page.get("nextToken")
                if not token:
                    break
            ids = [c["ec2InstanceId"] for f in cis for c in f.result()["containerInstances"]]
            chunks = [ids[i:i + 200] for i in range(0, len(ids), 200)]

            def filt(name, values):
                return {"Filter.1.Name": name, **{f"Filter.1.Value.{i + 1}": v for i, v in enumerate(values)}}
            inst = list(pool.map(lambda ch: self.query("ec2", {"Action": "DescribeInstances", "Version": "2016-11-15", **filt("instance-id", ch)}), chunks))
            list(pool.map(lambda ch: self.query("ec2", {"Action": "DescribeNetworkInterfaces", "Version": "2016-11-15", **filt("attachment.instance-id", ch)}), chunks))
            subnets = sorted(set(v for x in inst for v in re.findall(r"<subnetId>([^<]+)</subnetId>", x)))
            vpcs = sorted(set(v for x in inst for v in re.findall(r"<vpcId>([^<]+)</vpcId>", x)))
            side.append(pool.submit(self.query, "ec2", {"Action": "DescribeSubnets", "Version": "2016-11-15", **filt("subnet-id", subnets)}))
            side += [pool.submit(self.query, "ec2", {"Action": "DescribeVpcAttribute", "Version": "2016-11-15", "VpcId": v, "Attribute": a})
                     for v in vpcs for a in ("enableDnsSupport", "enableDnsHostnames")]
            if task_definition:
                side.append(pool.submit(self.ecs, "DescribeTaskDefinition", {"taskDefinition": task_definition}))
                groups = sorted(set(g for x in inst for g in re.findall(r"<groupId>([^<]+)</groupId>", x)))
                ec2 = "2016-11-15"
                for params in [{"Action": "DescribeRouteTables", **filt("vpc-id", vpcs)},
                               {"Action": "DescribeVpcs", **{f"VpcId.{i + 1}": v for i, v in enumerate(vpcs)}},
                               {"Action": "DescribeVpcEndpoints", **filt("vpc-id", vpcs)},
                               {"Action": "DescribeNetworkAcls", **filt("vpc-id", vpcs)},
                               {"Action": "DescribePrefixLists", **filt("prefix-list-name", ["com.amazonaws.us-east-1.s3"])},
                               {"Action": "DescribeSecurityGroups", "Filter.1.Name": "vpc-id", "Filter.1.Value.1": vpcs[0],
                                "Filter.2.Name": "group-name", "Filter.2.Value.1": "default"},
                               {"Action": "DescribeSecurityGroups", **{f"GroupId.{i + 1}": g for i, g in enumerate(groups)}}]:
                    side.append(pool.submit(self.query, "ec2", {"Version": ec2, **params}))
            types = sorted(set(t for x in inst for t in re.findall(r"<instanceType>([^<]+)</instanceType>", x)))
            self.query("ec2", {"Action": "DescribeInstanceTypes", "Version": "2016-11-15", **{f"InstanceType.{i + 1}": t for i, t in enumerate(types)}})
            for p in sorted(set(p for x in inst for p in re.findall(r"<arn>(arn:aws:iam::[^<]+:instance-profile/[^<]+)</arn>", x))):
                data = self.query("iam", {"Action": "GetInstanceProfile", "Version": "2010-05-08", "InstanceProfileName": p.rsplit("/", 1)[1]})
                for role in re.findall(r"<Arn>(arn:aws:iam::[^<]+:role/[^<]+)</Arn>", data)[:1]:
                    self.ecs("ListAccountSettings", {"effectiveSettings": True, "principalArn": role})
            tasks.result()
            [f.result() for f in side]


def fleet(a, emu):
    """`check --all-clusters` over CLUSTERS clusters (2 instances, 2 tasks each) in each of REGIONS
    regions, under the model: wall time against the rate bound (the calls beyond each bucket's
    burst at its refill rate; regions have buckets of their own and run at once), calls, throttled."""
    clusters, regions = map(int, a.fleet.split(":"))
    names = ["us-east-1", "eu-west-1", "ap-southeast-2"][:regions]
    account = "909000000000"
    for r in names:
        log(f"seeding {clusters} clusters in {r} ...")
        emu.post("/_awsvpc/seed", {"scenario": "many_clusters", "account": account, "params": {"clusters": clusters, "region": r, "role": f"fleet-{r}"}})
    env = aws_env(emu.port, account)
    reset = (lambda: emu.model(account, a.latency_ms / 1000)) if a.model == "aws" else None
    emu.clear(account)
    before = emu.throttled(account) if reset else 0
    args = [a.bin, "check", "--all-clusters", "--region", ",".join(names), "--output", "json"]
    ours, peak, _ = median_of(a.runs, lambda: timed(args, env), reset)
    throttled = ((emu.throttled(account) - before) / a.runs) if reset else 0
    per_run = {k: v // a.runs for k, v in sorted(emu.calls(account).items())}
    bound = rate_bound(per_run, regions) if a.model == "aws" else 0.0
    log(f"  fleet: awsvpc {ours * 1000:.0f} ms, rate bound {bound * 1000:.0f} ms, throttled {throttled:.1f}, peak {peak:.1f} MB")
    return ["", "| clusters | regions | command | awsvpc | rate bound | vs bound | calls | throttled answers | peak memory |",
            "|---:|---:|---|---:|---:|---:|---:|---:|---:|",
            f"| {clusters} | {regions} | check --all-clusters | {ours * 1000:.0f} ms | {bound * 1000:.0f} ms | "
            f"{(ours / bound) if bound else float('nan'):.2f}x | {sum(per_run.values())} | {throttled:.1f} | {peak:.1f} MB |",
            "", "calls per operation (fleet, one run): " + ", ".join(f"{k} {v}" for k, v in per_run.items())]


def rate_bound(per_run, regions=1):
    """Seconds the calls beyond each bucket's burst need at its refill rate (the slowest service;
    regions have buckets of their own)."""
    bound = 0.0
    for b in MODEL_BUCKETS:
        n = sum(v for k, v in per_run.items() if k.startswith(b["service"] + ".")) / max(regions, 1)
        bound = max(bound, max(0.0, n - b["burst"]) / b["rate"])
    return bound


def floor_time(fn):
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start, 0.0, b""


# --- main ------------------------------------------------------------------------------------
def awscli_bin():
    venv = pathlib.Path(os.environ.get("AWSVPC_AWSCLI_VENV", pathlib.Path.home() / ".cache/awsvpc/awscli-1.45.11"))
    aws = venv / "bin" / "aws"
    if not aws.exists():
        log(f"installing {AWSCLI_PIN} into {venv} (once)")
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin/pip"), "install", "--quiet", AWSCLI_PIN], check=True)
    return venv / "bin"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--sizes", default="100:50,1000:50,5000:500", help="TASKS:INSTANCES,...")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--cli-runs", type=int, default=3)
    ap.add_argument("--markdown", help="also write the table here")
    ap.add_argument("--model", choices=["none", "aws"], default="none",
                    help="aws: per-call latency and AWS's token buckets in the emulator front")
    ap.add_argument("--latency-ms", type=float, default=80)
    ap.add_argument("--fleet", default="", help="CLUSTERS:REGIONS, e.g. 30:2: check --all-clusters over them")
    ap.add_argument("--skip-cli", action="store_true", help="do not run the AWS CLI scripts")
    a = ap.parse_args()
    cli_path = None if a.skip_cli else awscli_bin()
    emu = Emulator()
    rows, calls_out = [], []
    try:
        for n, (tasks, instances) in enumerate(tuple(map(int, s.split(":"))) for s in a.sizes.split(",") if s):
            account = f"{900000000000 + n}"
            log(f"seeding {tasks} tasks on {instances} container instances ...")
            t0 = time.perf_counter()
            emu.post("/_awsvpc/seed", {"scenario": "big_cluster", "account": account,
                                        "params": {"cluster": "bench", "instances": instances, "tasks": tasks}})
            log(f"  seeded in {time.perf_counter() - t0:.1f} s")
            env = aws_env(emu.port, account)
            cli_env = dict(env, PATH=f"{cli_path}:{env['PATH']}") if cli_path else env
            floor = Floor(emu.port, account)
            reset = (lambda acct=account: emu.model(acct, a.latency_ms / 1000)) if a.model == "aws" else None
            for name, args, script, floor_fn in [
                ("enis", ["enis", "--cluster", "bench", "--output", "json"], "enis-awscli.sh", floor.enis),
                ("check", ["check", "--cluster", "bench", "--output", "json"], "check-awscli.sh", floor.check),
                # No AWS CLI script reads the pull path: that column stays empty for this row.
                ("check --task-definition", ["check", "--cluster", "bench", "--task-definition", "web", "--output", "json"],
                 None, floor.check_td),
            ]:
                emu.clear(account)
                before = emu.throttled(account) if reset else 0
                ours, peak, _ = median_of(a.runs, lambda: timed([a.bin, *args], env), reset)
                throttled = ((emu.throttled(account) - before) / a.runs) if reset else 0
                counts = emu.calls(account)
                per_run = {k: v // a.runs for k, v in sorted(counts.items())}
                cli = float("nan") if a.skip_cli or not script else median_of(
                    a.cli_runs, lambda: timed(["bash", str(ROOT / "scripts/bench" / script), "bench"], cli_env), reset)[0]
                fl, _, _ = median_of(a.runs, lambda: floor_time(lambda: floor_fn("bench")), reset)
                rows.append((tasks, instances, name, ours, cli, fl, peak, throttled, rate_bound(per_run)))
                calls_out.append((tasks, instances, name, per_run))
                log(f"  {name}: awsvpc {ours * 1000:.0f} ms, AWS CLI {cli * 1000:.0f} ms, floor {fl * 1000:.0f} ms, "
                    f"peak {peak:.1f} MB, throttled {throttled:.1f}")
        fleet_rows = fleet(a, emu) if a.fleet else []
        # Start-up: --help and completions, no AWS at all.
        startup = {}
        for label, args in [("--help", ["--help"]), ("completions bash", ["completions", "bash"])]:
            startup[label] = statistics.median(timed([a.bin, *args], os.environ.copy(), rss=False)[0] for _ in range(20))
    finally:
        emu.stop()

    lines = [f"model: {a.model}" + (f" ({a.latency_ms:.0f} ms a call, AWS's token buckets)" if a.model == "aws" else ""), "",
             "| tasks | instances | command | awsvpc | AWS CLI script | floor | rate bound | vs AWS CLI | vs floor | peak memory | throttled answers |",
             "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for tasks, inst, name, ours, cli, fl, peak, throttled, bound in rows:
        shown = f"{bound * 1000:.0f} ms" if a.model == "aws" else "-"
        lines.append(f"| {tasks} | {inst} | {name} | {ours * 1000:.0f} ms | {cli * 1000:.0f} ms | {fl * 1000:.0f} ms | {shown} | "
                     f"{cli / ours:.1f}x faster | {ours / fl:.2f}x | {peak:.1f} MB | {throttled:.1f} |")
    lines.extend(fleet_rows)
    lines.append("")
    lines.append("| tasks | instances | command | calls per operation (one run) |")
    lines.append("|---:|---:|---|---|")
    for tasks, inst, name, per_run in calls_out:
        lines.append(f"| {tasks} | {inst} | {name} | " + ", ".join(f"{k} {v}" for k, v in per_run.items()) + " |")
    lines.append("")
    lines.append("| start-up | median of 20 |")
    lines.append("|---|---:|")
    for label, secs in startup.items():
        lines.append(f"| `awsvpc {label}` | {secs * 1000:.1f} ms |")
    table = "\n".join(lines)
    print(table)
    if a.markdown:
        pathlib.Path(a.markdown).write_text(table + "\n")


if __name__ == "__main__":
    main()
