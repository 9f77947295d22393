"""A quick check of the emulator's AWS behaviours that the patches and seeds add, without the Rust
tests: `python3 tests/emulator/bootstrap.py --script selfcheck.py`. Starts a launcher of its own on
a free loopback port, asserts, prints "N passed, 0 failed" and stops the launcher.
"""

import json
import pathlib
import subprocess
import sys
import urllib.request

import boto3
import botocore

HERE = pathlib.Path(__file__).resolve().parent
passed = 0


def check(what, ok):
    global passed
    if not ok:
        raise AssertionError(what)
    passed += 1


def main():
    proc = subprocess.Popen([sys.executable, str(HERE / "launcher.py")], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            cwd=HERE, text=True)
    try:
        endpoint = "http://127.0.0.1:" + proc.stdout.readline().split()[1]
        run(endpoint)
    finally:
        proc.stdin.close()
        proc.wait(timeout=10)
    print(f"{passed} passed, 0 failed")


def run(endpoint):
    def seed(scenario, account, params):
        body = json.dumps({"scenario": scenario, "account": account, "params": params}).encode()
        return json.loads(urllib.request.urlopen(urllib.request.Request(endpoint + "/_awsvpc/seed", data=body)).read())

    def client(name, account):
        return boto3.client(name, endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=account,
                            aws_secret_access_key="secret")

    def error(call, **kw):
        try:
            call(**kw)
        except botocore.exceptions.ClientError as e:
            return e.response["Error"]["Code"], e.response["Error"]["Message"]
        return None

    # 1. Capacity providers, the default strategy, RunTask's launch target.
    a = "100000000901"
    out = seed("cluster", a, {"instances": [{"tasks": 2}],
                              "capacity_providers": [{"name": "asg-cp", "managed_scaling": True, "max_step": 10},
                                                     {"name": "mi-cp", "managed_instances": True}],
                              "default_strategy": [{"capacityProvider": "FARGATE", "weight": 1, "base": 0}]})
    ecs = client("ecs", a)
    providers = {p["name"]: p for p in ecs.describe_capacity_providers(capacityProviders=["asg-cp", "mi-cp"])["capacityProviders"]}
    scaling = providers["asg-cp"]["autoScalingGroupProvider"]["managedScaling"]
    check("ASG provider", providers["asg-cp"]["type"] == "EC2_AUTOSCALING" and scaling["status"] == "ENABLED"
          and scaling["maximumScalingStepSize"] == 10 and scaling["targetCapacity"] == 100)
    check("Managed Instances provider", providers["mi-cp"]["type"] == "MANAGED_INSTANCES")
    cluster = ecs.describe_clusters(clusters=["prod"])["clusters"][0]
    check("cluster providers", cluster["capacityProviders"] == ["FARGATE", "FARGATE_SPOT", "asg-cp", "mi-cp"]
          and cluster["defaultCapacityProviderStrategy"][0]["capacityProvider"] == "FARGATE")
    net = out["network"]
    conf = {"awsvpcConfiguration": {"subnets": net["private_subnets"][:1], "securityGroups": [net["security_group"]]}}
    t = ecs.run_task(cluster="prod", taskDefinition="web", networkConfiguration=conf)["tasks"][0]
    check("default strategy", (t["launchType"], t["capacityProviderName"]) == ("FARGATE", "FARGATE"))
    check("both refused", error(ecs.run_task, cluster="prod", taskDefinition="web", networkConfiguration=conf, launchType="EC2",
                                capacityProviderStrategy=[{"capacityProvider": "asg-cp"}])[0] == "InvalidParameterException")
    public = {"awsvpcConfiguration": dict(conf["awsvpcConfiguration"], assignPublicIp="ENABLED")}
    check("public IP on EC2", error(ecs.run_task, cluster="prod", taskDefinition="web", networkConfiguration=public,
                                    launchType="EC2")[1] == "Assign public IP is not supported for this launch type.")
    r = ecs.run_task(cluster="prod", taskDefinition="web", networkConfiguration=conf, launchType="EC2")
    check("EC2 full: RESOURCE:ENI", not r["tasks"] and r["failures"][0]["reason"] == "RESOURCE:ENI")
    r = ecs.run_task(cluster="prod", taskDefinition="web", networkConfiguration=conf,
                     capacityProviderStrategy=[{"capacityProvider": "asg-cp"}])
    check("managed scaling waits", not r["failures"] and r["tasks"][0]["lastStatus"] == "PROVISIONING"
          and r["tasks"][0]["launchType"] == "EC2")

    # 2. Registered and remaining resources; placement by CPU and memory.
    b = "100000000902"
    out = seed("cluster", b, {"instances": [{"type": "c5.large", "tasks": 2}, {"type": "m5.large", "trunk": True, "subnet": 1,
                                                                               "remaining_memory": 600}]})
    ecs = client("ecs", b)
    cis = ecs.describe_container_instances(cluster="prod", containerInstances=[i["arn"] for i in out["instances"]])
    res = [{r["name"]: r.get("integerValue") for r in ci[k]} for ci in cis["containerInstances"]
           for k in ("registeredResources", "remainingResources")]
    check("c5.large registered", (res[0]["CPU"], res[0]["MEMORY"]) == (2048, 3992))
    check("c5.large remaining after 2 web tasks", (res[1]["CPU"], res[1]["MEMORY"]) == (1536, 2968))
    check("m5.large registered", (res[2]["CPU"], res[2]["MEMORY"]) == (2048, 7985))
    conf = {"awsvpcConfiguration": {"subnets": out["network"]["private_subnets"][1:], "securityGroups": [out["network"]["security_group"]]}}
    r = ecs.run_task(cluster="prod", taskDefinition="web", networkConfiguration=conf, launchType="EC2", count=2)
    check("RESOURCE:MEMORY", len(r["tasks"]) == 1 and r["failures"][0]["reason"] == "RESOURCE:MEMORY")

    # 3. IPv6-only subnet, AssignIpv6AddressOnCreation.
    c = "100000000903"
    net = seed("mixed", c, {"ipv6": True, "ipv6_only": True, "assign_ipv6": True, "ec2": 0, "fargate": 0, "bridge": 0,
                            "stopped": 0, "instances": 0})["network"]
    ec2 = client("ec2", c)
    only = ec2.describe_subnets(SubnetIds=[net["ipv6_only_subnet"]])["Subnets"][0]
    check("IPv6-only subnet", only["Ipv6Native"] and only["AvailableIpAddressCount"] == 0 and "CidrBlock" not in only)
    check("assign IPv6", all(s["AssignIpv6AddressOnCreation"] for s in ec2.describe_subnets(SubnetIds=net["private_subnets"])["Subnets"]))

    # 4. PrivateDnsNameOptions.
    d = "100000000904"
    out = seed("cluster", d, {"instances": [{"dns_a_record": True}, {"subnet": 1}]})
    ec2 = client("ec2", d)
    ids = [i["instance_id"] for i in out["instances"]]
    options = {i["InstanceId"]: i["PrivateDnsNameOptions"]
               for res_ in ec2.describe_instances(InstanceIds=ids)["Reservations"] for i in res_["Instances"]}
    check("A record on", options[ids[0]]["EnableResourceNameDnsARecord"] and options[ids[0]]["HostnameType"] == "resource-name")
    check("defaults", options[ids[1]] == {"HostnameType": "ip-name", "EnableResourceNameDnsARecord": False,
                                          "EnableResourceNameDnsAAAARecord": False})
    ec2.modify_private_dns_name_options(InstanceId=ids[0], EnableResourceNameDnsARecord=False)
    after = ec2.describe_instances(InstanceIds=ids[:1])["Reservations"][0]["Instances"][0]["PrivateDnsNameOptions"]
    check("modified", after["EnableResourceNameDnsARecord"] is False)

    # 5. Other principals' settings: refused by default, readable once the account opts in.
    for account, params, code in [("100000000905", {}, "AccessDeniedException"),
                                  ("100000000906", {"refusal_code": "ClientException"}, "ClientException"),
                                  ("100000000907", {"allow_principals": True}, None)]:
        role = seed("cluster", account, {"instances": [], "settings": {"role": {"awsvpcTrunking": "enabled"}}, **params})["role_arn"]
        got = error(client("ecs", account).list_account_settings, principalArn=role, effectiveSettings=True)
        check(f"refusal {params}", (got[0] if got else None) == code)

    # 6. GetCallerIdentity names the access key's account.
    check("caller identity", client("sts", "100000000908").get_caller_identity()["Account"] == "100000000908")


if __name__ == "__main__":
    main()
