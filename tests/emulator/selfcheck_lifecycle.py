"""Self-checks of tasks, run by selfcheck.py: the lifecycle by time (patches/ecs_lifecycle.py), the
addresses task ENIs get, and what RunTask authorises besides itself (patches/iam_extra.py)."""

import json
import time
import urllib.request

import boto3


def control(endpoint, path, body):
    req = urllib.request.Request(endpoint + path, data=json.dumps(body).encode())
    return json.loads(urllib.request.urlopen(req, timeout=30).read())


def _eni(task):
    return next(d["value"] for a in task["attachments"] if a["type"] == "ElasticNetworkInterface"
                for d in a["details"] if d["name"] == "networkInterfaceId")


def _status(ecs, arn):
    t = ecs.describe_tasks(cluster="prod", tasks=[arn])["tasks"][0]
    att = next(a for a in t["attachments"] if a["type"] == "ElasticNetworkInterface")
    return t["lastStatus"], t["desiredStatus"], att["status"]


def _until(ecs, arn, status, seconds=10):
    end = time.monotonic() + seconds
    seen = []
    while time.monotonic() < end:
        got = _status(ecs, arn)
        if not seen or seen[-1] != got:
            seen.append(got)
        if got[0] == status:
            return seen
        time.sleep(0.05)
    raise AssertionError(f"no {status} within {seconds} s: saw {seen}")


def lifecycle(endpoint, seed, client, error, check):
    """RunTask answers PROVISIONING; by time PENDING, RUNNING; StopTask answers the task as it was
    with desired STOPPED; DEACTIVATING .. STOPPED by time; the ENI is deleted only at STOPPED."""
    a = "100000000970"
    out = seed("cluster", a, {"instances": [{"tasks": 0}]})
    ecs, ec2, net = client("ecs", a), client("ec2", a), out["network"]
    conf = {"awsvpcConfiguration": {"subnets": net["private_subnets"][:1], "securityGroups": [net["security_group"]]}}
    # Fast by default: the answer shows the first state, the next request the last.
    t = ecs.run_task(cluster="prod", taskDefinition="web", networkConfiguration=conf, launchType="EC2")["tasks"][0]
    check("RunTask answers PROVISIONING", (t["lastStatus"], t["desiredStatus"]) == ("PROVISIONING", "RUNNING"))
    check("then RUNNING", _status(ecs, t["taskArn"]) == ("RUNNING", "RUNNING", "ATTACHED"))
    # Each state for 0.4 s: seen in order over time, whatever the number of reads.
    control(endpoint, "/_awsvpc/lifecycle", {"account": a, "config": {"step_secs": 0.4}})
    t = ecs.run_task(cluster="prod", taskDefinition="web", networkConfiguration=conf, launchType="EC2")["tasks"][0]
    seen = _until(ecs, t["taskArn"], "RUNNING")
    check("PROVISIONING, PENDING, RUNNING by time", [s[0] for s in seen] == ["PROVISIONING", "PENDING", "RUNNING"]
          and [s[2] for s in seen] == ["PRECREATED", "ATTACHED", "ATTACHED"])
    eni = _eni(ecs.describe_tasks(cluster="prod", tasks=[t["taskArn"]])["tasks"][0])
    stopped = ecs.stop_task(cluster="prod", task=t["taskArn"], reason="selfcheck")["task"]
    check("StopTask answers the task as it was", (stopped["lastStatus"], stopped["desiredStatus"]) == ("RUNNING", "STOPPED"))
    check("the ENI is there while stopping",
          bool(ec2.describe_network_interfaces(Filters=[{"Name": "network-interface-id", "Values": [eni]}])["NetworkInterfaces"]))
    seen = _until(ecs, t["taskArn"], "STOPPED")
    check(f"DEACTIVATING .. STOPPED by time: {seen}",
          [s[0] for s in seen] == ["DEACTIVATING", "STOPPING", "DEPROVISIONING", "STOPPED"]
          and seen[-1][2] == "DELETED")
    gone = ec2.describe_network_interfaces(Filters=[{"Name": "network-interface-id", "Values": [eni]}])["NetworkInterfaces"]
    check("the ENI is deleted once STOPPED", not gone)
    final = ecs.describe_tasks(cluster="prod", tasks=[t["taskArn"]])["tasks"][0]
    check("stop code and times", final["stopCode"] == "UserInitiated" and final["stoppedReason"] == "selfcheck"
          and final["stoppingAt"] <= final["stoppedAt"])
    # A task that stops by itself after a time (an ENI provisioning timeout).
    control(endpoint, "/_awsvpc/lifecycle", {"account": a, "config": {
        "steps": [["PROVISIONING", "PRECREATED", 0.3], ["PENDING", "ATTACHED", 5], ["RUNNING", "ATTACHED"]],
        "stop": {"after_secs": 0.6, "stop_code": "TaskFailedToStart", "reason": "Timeout waiting for network interface provisioning to complete."}}})
    t = ecs.run_task(cluster="prod", taskDefinition="web", networkConfiguration=conf, launchType="EC2")["tasks"][0]
    seen = _until(ecs, t["taskArn"], "STOPPED")
    final = ecs.describe_tasks(cluster="prod", tasks=[t["taskArn"]])["tasks"][0]
    check("stops by itself", [s[0] for s in seen] == ["PROVISIONING", "PENDING", "STOPPED"]
          and final["stopCode"] == "TaskFailedToStart")
    check("the tasks oracle sees the states", {x["last_status"] for x in control(endpoint, f"/_awsvpc/tasks?account={a}", {})}
          == {"RUNNING", "STOPPED"})


def addresses(endpoint, seed, client, error, check):
    """A task ENI in a dual-stack subnet gets an IPv6 address of the subnet while dualStackIPv6 is
    in force, none once it is disabled; the ENIs oracle lists what EC2 holds."""
    a = "100000000971"
    net = seed("mixed", a, {"ipv6": True, "ec2": 0, "fargate": 0, "bridge": 0, "stopped": 0, "instances": 0})["network"]
    ecs, ec2 = client("ecs", a), client("ec2", a)
    subnet = net["private_subnets"][0]
    conf = {"awsvpcConfiguration": {"subnets": [subnet], "securityGroups": [net["security_group"]]}}
    t = ecs.run_task(cluster="prod", taskDefinition="worker", launchType="FARGATE", networkConfiguration=conf)["tasks"][0]
    got = ec2.describe_network_interfaces(NetworkInterfaceIds=[_eni(t)])["NetworkInterfaces"][0]
    block = ec2.describe_subnets(SubnetIds=[subnet])["Subnets"][0]["Ipv6CidrBlockAssociationSet"][0]["Ipv6CidrBlock"]
    v6 = [x["Ipv6Address"] for x in got.get("Ipv6Addresses", [])]
    check("dual-stack task ENI has IPv6", len(v6) == 1 and v6[0].startswith(block.split("::")[0]) and got["PrivateIpAddress"])
    ecs.put_account_setting_default(name="dualStackIPv6", value="disabled")
    t = ecs.run_task(cluster="prod", taskDefinition="worker", launchType="FARGATE", networkConfiguration=conf)["tasks"][0]
    got = ec2.describe_network_interfaces(NetworkInterfaceIds=[_eni(t)])["NetworkInterfaces"][0]
    check("no IPv6 with dualStackIPv6 disabled", not got.get("Ipv6Addresses"))
    listed = control(endpoint, f"/_awsvpc/enis?account={a}", {})
    check("ENIs oracle", _eni(t) in {e["id"] for e in listed})


def run_task_users(seed, a):
    """Users for RunTask's extra authorisations: RunTask alone; with PassRole to ECS tasks; and
    TagResource too."""
    run = {"Effect": "Allow", "Action": ["ecs:RunTask"], "Resource": "*"}
    pass_role = {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*",
                 "Condition": {"StringEquals": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}}}
    tag = {"Effect": "Allow", "Action": ["ecs:TagResource"], "Resource": "*"}
    users = {}
    slr = {"Effect": "Allow", "Action": "iam:CreateServiceLinkedRole",
           "Resource": "arn:aws:iam::*:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS*",
           "Condition": {"StringLike": {"iam:AWSServiceName": "ecs.amazonaws.com"}}}
    other = dict(slr, Condition={"StringLike": {"iam:AWSServiceName": "elasticloadbalancing.amazonaws.com"}})
    for name, statements in (("run", [run]), ("pass", [run, pass_role]), ("tag", [run, pass_role, tag]),
                             ("slr", [slr]), ("slr-other", [other])):
        users[name] = seed("iam_user", a, {"name": f"runner-{name}", "policy": {"Version": "2012-10-17", "Statement": statements}})
    return users


def run_task_authorisations(endpoint, out, users, error, check):
    """RunTask authorises iam:PassRole for the task definition's roles and ecs:TagResource for
    tags, as AWS does."""
    def ecs(name):
        u = users[name]
        return boto3.client("ecs", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=u["key"],
                            aws_secret_access_key=u["secret"])

    conf = {"awsvpcConfiguration": {"subnets": [out["task_subnet"]], "securityGroups": [out["task_security_group"]]}}
    kw = dict(cluster=out["cluster"], taskDefinition=out["family"], launchType="FARGATE", networkConfiguration=conf)
    tags = [{"key": "team", "value": "payments"}]
    got = error(ecs("run").run_task, **kw)
    check(f"RunTask needs iam:PassRole: {got}", got and got[0] == "AccessDeniedException" and "iam:PassRole" in got[1]
          and out["execution_role_arn"] in got[1])
    check("PassRole to ECS tasks is enough untagged", error(ecs("pass").run_task, **kw) is None)
    got = error(ecs("pass").run_task, tags=tags, **kw)
    check(f"tags need ecs:TagResource: {got}", got and got[0] == "AccessDeniedException" and "ecs:TagResource" in got[1])
    check("tagged with TagResource", error(ecs("tag").run_task, tags=tags, **kw) is None)
    # CreateServiceLinkedRole: authorised on the role it makes, with iam:AWSServiceName.
    def iam(name):
        u = users[name]
        return boto3.client("iam", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=u["key"],
                            aws_secret_access_key=u["secret"])

    got = error(iam("slr-other").create_service_linked_role, AWSServiceName="ecs.amazonaws.com")
    check(f"service-linked role for another service's statement refused: {got}", got and got[0] == "AccessDenied")
    check("service-linked role scoped as IAM documents it",
          error(iam("slr").create_service_linked_role, AWSServiceName="ecs.amazonaws.com") is None)
