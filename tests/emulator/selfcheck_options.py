"""Self-checks of what RunTask keeps of its options (patches/ecs_run_task.py: propagateTags,
enableExecuteCommand) and of the oracles the option tests read (the request log's parameters, the
backend's tasks with their fields), run by selfcheck.py."""

import json
import urllib.request


def _get(endpoint, path):
    return json.loads(urllib.request.urlopen(urllib.request.Request(endpoint + path, data=b""), timeout=30).read())


def run_task_options(endpoint, seed, client, error, check):
    a = "100000000961"
    out = seed("cluster", a, {"instances": [], "default_strategy": [{"capacityProvider": "FARGATE", "weight": 1}]})
    ecs, net = client("ecs", a), out["network"]
    conf = {"awsvpcConfiguration": {"subnets": net["private_subnets"][:1], "securityGroups": [net["security_group"]]}}
    kw = dict(cluster="prod", taskDefinition="worker", launchType="FARGATE", networkConfiguration=conf)
    owner = [{"key": "owner", "value": "ops"}]

    def tags_of(arn):
        t = ecs.describe_tasks(cluster="prod", tasks=[arn], include=["TAGS"])["tasks"][0]
        return sorted((x["key"], x["value"]) for x in t.get("tags", [])), t

    copied = ecs.run_task(propagateTags="TASK_DEFINITION", tags=owner, enableExecuteCommand=True, startedBy="sc",
                          group="batch:sc", **kw)["tasks"][0]["taskArn"]
    tags, task = tags_of(copied)
    check("propagateTags TASK_DEFINITION", tags == [("owner", "ops"), ("team", "batch")])
    check("enableExecuteCommand", task.get("enableExecuteCommand") is True)
    plain = ecs.run_task(propagateTags="NONE", tags=owner, **kw)["tasks"][0]["taskArn"]
    tags, task = tags_of(plain)
    check("propagateTags NONE", tags == [("owner", "ops")] and not task.get("enableExecuteCommand"))
    check("propagateTags SERVICE refused", (error(ecs.run_task, propagateTags="SERVICE", **kw) or [None])[0]
          == "InvalidParameterException")
    mine = [t for t in _get(endpoint, f"/_awsvpc/tasks?account={a}") if t["arn"] == copied]
    check("backend task fields", len(mine) == 1 and mine[0]["started_by"] == "sc" and mine[0]["group"] == "batch:sc"
          and mine[0]["enable_execute_command"] is True and mine[0]["launch_type"] == "FARGATE")
    client("ec2", a).describe_subnets(SubnetIds=net["private_subnets"][:1])
    log = json.loads(urllib.request.urlopen(f"{endpoint}/_awsvpc/log?account={a}").read())
    run = [e["params"] for e in log if e["operation"] == "RunTask"]
    check("log: JSON parameters", run[0]["propagateTags"] == "TASK_DEFINITION" and run[0]["startedBy"] == "sc")
    subnets = [e["params"] for e in log if e["operation"] == "DescribeSubnets"]
    check("log: query parameters", subnets[-1].get("SubnetId.1") == net["private_subnets"][0])
