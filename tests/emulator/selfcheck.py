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
import botocore.config

import selfcheck_lifecycle

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
        try:
            return json.loads(urllib.request.urlopen(urllib.request.Request(endpoint + "/_awsvpc/seed", data=body)).read())
        except urllib.error.HTTPError as e:
            raise AssertionError(f"seed {scenario} {params}: {e.read().decode()}") from None

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

    # 7-11. Before the containers start (issue 20): the `pull` scenario.
    for part in (endpoints_and_prefix_lists, acls_and_groups, iam_roles, iam_simulation, logs_and_definitions):
        part(endpoint, seed, client, error)
    # 12. Random faults replay by seed, whatever order the calls arrive in; server errors carry
    # AWS's bodies in each protocol's shape; RunTask refuses what AWS refuses.
    random_faults_replay(endpoint)
    server_error_bodies(endpoint)
    run_task_limits(endpoint, seed, client, error)
    trunk_interfaces(seed, client)
    # 13. The task lifecycle by time; the addresses task ENIs get.
    selfcheck_lifecycle.lifecycle(endpoint, seed, client, error, check)
    selfcheck_lifecycle.addresses(endpoint, seed, client, error, check)
    import selfcheck_options
    selfcheck_options.run_task_options(endpoint, seed, client, error, check)
    # 14. Last: IAM enforcement, which stays on for every account of this launcher.
    enforcement(endpoint, seed, client, error)


def endpoints_and_prefix_lists(endpoint, seed, client, error):
    """7. VPC endpoints, the S3 gateway route, paging, filters, endpoint ENIs, prefix lists."""
    a = "100000000911"
    out = seed("pull", a, {"egress": "endpoints", "logs": "awslogs", "secrets": "secretsmanager"})
    ec2 = client("ec2", a)
    eps = {e["VpcEndpointId"]: e for e in ec2.describe_vpc_endpoints(Filters=[{"Name": "vpc-id", "Values": [out["vpc"]]}])["VpcEndpoints"]}
    check("endpoints made", sorted(out["endpoints"]) == ["ecr.api", "ecr.dkr", "logs", "s3", "secretsmanager"]
          and set(eps) == set(out["endpoints"].values()))
    dkr = eps[out["endpoints"]["ecr.dkr"]]
    check("interface endpoint", dkr["VpcEndpointType"] == "Interface" and dkr["State"] == "available"
          and dkr["SubnetIds"] == [out["task_subnet"]] and dkr["PrivateDnsEnabled"] is True
          and [g["GroupId"] for g in dkr["Groups"]] == [out["endpoint_security_group"]]
          and dkr["ServiceName"] == "com.amazonaws.us-east-1.ecr.dkr")
    check("DNS entries", dkr["DnsEntries"][0]["DnsName"].endswith(".ecr.dkr.us-east-1.vpce.amazonaws.com")
          and dkr["DnsOptions"] == {"DnsRecordIpType": "ipv4"} and dkr["IpAddressType"] == "ipv4")
    s3 = eps[out["endpoints"]["s3"]]
    check("gateway endpoint", s3["VpcEndpointType"] == "Gateway" and s3["RouteTableIds"] == [out["route_table"]]
          and s3["ServiceName"] == "com.amazonaws.us-east-1.s3")
    routes = ec2.describe_route_tables(RouteTableIds=[out["route_table"]])["RouteTables"][0]["Routes"]
    check("S3 prefix-list route, no NAT", any(r.get("DestinationPrefixListId") == out["s3_prefix_list"]
                                              and r.get("GatewayId") == s3["VpcEndpointId"] for r in routes)
          and not any(r.get("DestinationCidrBlock") == "0.0.0.0/0" for r in routes))
    eni = ec2.describe_network_interfaces(NetworkInterfaceIds=dkr["NetworkInterfaceIds"])["NetworkInterfaces"][0]
    check("endpoint ENI", eni["PrivateIpAddress"].startswith("10.0.12") and eni["InterfaceType"] == "vpc_endpoint"
          and eni["RequesterManaged"] and [g["GroupId"] for g in eni["Groups"]] == [out["endpoint_security_group"]])
    page = ec2.describe_vpc_endpoints(MaxResults=2)
    seen = [e["VpcEndpointId"] for e in page["VpcEndpoints"]]
    while page.get("NextToken"):
        page = ec2.describe_vpc_endpoints(MaxResults=2, NextToken=page["NextToken"])
        seen += [e["VpcEndpointId"] for e in page["VpcEndpoints"]]
    check("endpoint pages", len(seen) == 5 and set(seen) == set(eps))

    def count(name, value):
        return len(ec2.describe_vpc_endpoints(Filters=[{"Name": name, "Values": [value]}])["VpcEndpoints"])

    check("endpoint filters", (count("service-name", "com.amazonaws.us-east-1.ecr.api"), count("vpc-endpoint-type", "Gateway"),
                               count("vpc-endpoint-type", "Interface"), count("vpc-endpoint-state", "available")) == (1, 1, 4, 5))
    pl = ec2.describe_prefix_lists(Filters=[{"Name": "prefix-list-name", "Values": ["com.amazonaws.us-east-1.s3"]}])["PrefixLists"]
    managed = ec2.describe_managed_prefix_lists(Filters=[{"Name": "prefix-list-name", "Values": ["com.amazonaws.us-east-1.s3"]}])
    check("S3 prefix list", pl[0]["PrefixListId"] == out["s3_prefix_list"] and pl[0]["Cidrs"]
          and managed["PrefixLists"][0]["PrefixListId"] == out["s3_prefix_list"] and managed["PrefixLists"][0]["OwnerId"] == "AWS")
    bare = ec2.create_vpc_endpoint(VpcId=out["vpc"], ServiceName="com.amazonaws.us-east-1.dynamodb")["VpcEndpoint"]
    iface = ec2.create_vpc_endpoint(VpcId=out["vpc"], ServiceName="com.amazonaws.us-east-1.ssm", VpcEndpointType="Interface",
                                    SubnetIds=[out["task_subnet"]])["VpcEndpoint"]
    default_sg = ec2.describe_security_groups(Filters=[{"Name": "vpc-id", "Values": [out["vpc"]]},
                                                       {"Name": "group-name", "Values": ["default"]}])["SecurityGroups"][0]
    check("endpoint defaults", bare["VpcEndpointType"] == "Gateway" and [g["GroupId"] for g in iface["Groups"]] == [default_sg["GroupId"]])
    spare = ec2.create_route_table(VpcId=out["vpc"])["RouteTable"]["RouteTableId"]
    ec2.modify_vpc_endpoint(VpcEndpointId=s3["VpcEndpointId"], AddRouteTableIds=[spare], RemoveRouteTableIds=[out["route_table"]])

    def pl_routes(table):
        routes = ec2.describe_route_tables(RouteTableIds=[table])["RouteTables"][0]["Routes"]
        return [r["GatewayId"] for r in routes if r.get("DestinationPrefixListId") == out["s3_prefix_list"]]

    check("gateway route tables modified", pl_routes(spare) == [s3["VpcEndpointId"]] and pl_routes(out["route_table"]) == [])
    ec2.modify_vpc_endpoint(VpcEndpointId=s3["VpcEndpointId"], AddRouteTableIds=[out["route_table"]], RemoveRouteTableIds=[spare])
    seed("smallest_pages", a, {})
    check("smallest endpoint pages", len(ec2.describe_vpc_endpoints()["VpcEndpoints"]) == 5
          and ec2.describe_vpc_endpoints().get("NextToken") == "5")

    b = "100000000912"
    out = seed("pull", b, {"egress": "endpoints", "logs": "none", "endpoint_missing": "s3", "endpoint_subnet": "other",
                           "endpoint_sg_blocks": True})
    ec2 = client("ec2", b)
    check("endpoint left out", sorted(out["endpoints"]) == ["ecr.api", "ecr.dkr"])
    routes = ec2.describe_route_tables(RouteTableIds=[out["route_table"]])["RouteTables"][0]["Routes"]
    check("no S3 route", not any(r.get("DestinationPrefixListId") for r in routes))
    dkr = ec2.describe_vpc_endpoints(VpcEndpointIds=[out["endpoints"]["ecr.dkr"]])["VpcEndpoints"][0]
    check("endpoint in its own subnet", dkr["SubnetIds"] == [out["endpoint_subnet"]] != [out["task_subnet"]])
    sg = ec2.describe_security_groups(GroupIds=[out["endpoint_security_group"]])["SecurityGroups"][0]
    check("endpoint SG blocks", [(p["FromPort"], p["IpRanges"][0]["CidrIp"]) for p in sg["IpPermissions"]] == [(443, "192.168.0.0/16")])


def acls_and_groups(endpoint, seed, client, error):
    """8. Network ACLs (the default one, custom ones, associations, paging) and security-group
    egress (allow-all by default, CIDR, prefix-list and group rules)."""
    a = "100000000913"
    out = seed("pull", a, {"nacl": "deny_443_out", "task_egress": "vpc_s3"})
    ec2 = client("ec2", a)
    default = ec2.describe_network_acls(NetworkAclIds=[out["default_network_acl"]])["NetworkAcls"][0]
    rows = [(e["RuleNumber"], e["Egress"], e["RuleAction"], e["Protocol"], e["CidrBlock"]) for e in default["Entries"]]
    anywhere = "0.0.0.0/0"
    check("default ACL", default["IsDefault"] and rows == [
        (100, True, "allow", "-1", anywhere), (32767, True, "deny", "-1", anywhere),
        (100, False, "allow", "-1", anywhere), (32767, False, "deny", "-1", anywhere)])
    mine = ec2.describe_network_acls(Filters=[{"Name": "association.subnet-id", "Values": [out["task_subnet"]]}])["NetworkAcls"]
    check("task subnet's ACL", [x["NetworkAclId"] for x in mine] == [out["network_acl"]] != [out["default_network_acl"]]
          and not any(s["SubnetId"] == out["task_subnet"] for s in default["Associations"]))
    first = mine[0]["Entries"][0]
    check("deny 443 out", (first["RuleNumber"], first["Egress"], first["RuleAction"], first["Protocol"], first["PortRange"])
          == (100, True, "deny", "6", {"From": 443, "To": 443}) and mine[0]["Entries"][-1]["RuleNumber"] == 32767)
    fresh = ec2.create_network_acl(VpcId=out["vpc"])["NetworkAcl"]
    check("new ACL ends in the * rule", [(e["RuleNumber"], e["Egress"], e["RuleAction"]) for e in fresh["Entries"]]
          == [(32767, True, "deny"), (32767, False, "deny")])
    page = ec2.describe_network_acls(MaxResults=5)
    check("ACL pages", len(page["NetworkAcls"]) == 4 and "NextToken" not in page)
    sg = ec2.describe_security_groups(GroupIds=[out["task_security_group"]])["SecurityGroups"][0]["IpPermissionsEgress"]
    check("egress: VPC and S3 prefix list on 443", len(sg) == 1 and sg[0]["FromPort"] == 443
          and sg[0]["IpRanges"] == [{"CidrIp": "10.0.0.0/16"}] and sg[0]["PrefixListIds"] == [{"PrefixListId": out["s3_prefix_list"]}])
    net = seed("pull", "100000000914", {"nacl": "deny_ephemeral_in", "task_egress": "endpoint_sg", "egress": "endpoints", "ipv6": True})
    ec2 = client("ec2", "100000000914")
    egress = ec2.describe_security_groups(GroupIds=[net["task_security_group"]])["SecurityGroups"][0]["IpPermissionsEgress"]
    check("egress to the endpoints' group", [r["UserIdGroupPairs"][0]["GroupId"] for r in egress] == [net["endpoint_security_group"]])
    endpoint_sg = client("ec2", a).describe_security_groups(GroupIds=[out["endpoint_security_group"]])["SecurityGroups"][0]
    check("default egress allows all", endpoint_sg["IpPermissionsEgress"] == [
        {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}], "Ipv6Ranges": [], "PrefixListIds": [], "UserIdGroupPairs": []}])
    acl = ec2.describe_network_acls(NetworkAclIds=[net["network_acl"]])["NetworkAcls"][0]["Entries"]
    check("deny ephemeral in", any((e["RuleNumber"], e["Egress"], e["RuleAction"], e.get("PortRange")) ==
                                   (100, False, "deny", {"From": 1024, "To": 65535}) for e in acl))
    v6 = ec2.describe_network_acls(NetworkAclIds=[net["default_network_acl"]])["NetworkAcls"][0]["Entries"]
    check("IPv6 rules", [(e["RuleNumber"], e["RuleAction"]) for e in v6 if e.get("Ipv6CidrBlock") == "::/0"]
          == [(101, "allow"), (32768, "deny")] * 2)
    none = seed("pull", "100000000915", {"task_egress": "none", "egress": "none"})
    ec2 = client("ec2", "100000000915")
    group = ec2.describe_security_groups(GroupIds=[none["task_security_group"]])["SecurityGroups"][0]
    check("no egress", group["IpPermissionsEgress"] == [])
    routes = ec2.describe_route_tables(RouteTableIds=[none["route_table"]])["RouteTables"][0]["Routes"]
    check("isolated subnet", [r.get("GatewayId") for r in routes] == ["local"] and none["endpoints"] == {})


def server_error_bodies(endpoint):
    """A 500 or 503 answers with the code AWS uses for it, in the service's protocol."""
    no_retry = botocore.config.Config(retries={"total_max_attempts": 1})
    cases = [("ecs", "500", "ServerException", lambda c: c.list_clusters()),
             ("ecs", "503", "ServiceUnavailable", lambda c: c.list_clusters()),
             ("ec2", "500", "InternalError", lambda c: c.describe_vpcs()),
             ("ec2", "503", "Unavailable", lambda c: c.describe_vpcs()),
             ("iam", "500", "InternalFailure", lambda c: c.list_roles())]
    for n, (service, kind, code, call) in enumerate(cases):
        account = f"1000000009{80 + n}"
        body = json.dumps({"account": account, "service": service, "kind": kind, "times": 1}).encode()
        urllib.request.urlopen(urllib.request.Request(endpoint + "/_awsvpc/faults", data=body)).read()
        c = boto3.client(service, endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=account,
                         aws_secret_access_key="secret", config=no_retry)
        try:
            call(c)
            got = None
        except botocore.exceptions.ClientError as e:
            got = e.response["Error"]["Code"]
        check(f"{service} {kind} body: {code}", got == code)


def trunk_interfaces(seed, client):
    """A trunked container instance holds a trunk network interface in EC2."""
    a = "100000000988"
    out = seed("cluster", a, {"instances": [{"trunk": True, "tasks": 0}, {"trunk": False, "tasks": 0}]})
    ec2 = client("ec2", a)
    kinds = {}
    for inst in out["instances"]:
        enis = ec2.describe_network_interfaces(Filters=[{"Name": "attachment.instance-id", "Values": [inst["instance_id"]]}])
        kinds[inst["instance_id"]] = sorted(n.get("InterfaceType", "interface") for n in enis["NetworkInterfaces"])
    trunked, plain = (out["instances"][0]["instance_id"], out["instances"][1]["instance_id"])
    check("trunk interface", "trunk" in kinds[trunked] and "trunk" not in kinds[plain])


def run_task_limits(endpoint, seed, client, error):
    """RunTask's documented limits: count 1-10, 16 subnets, 5 security groups."""
    a = "100000000989"
    out = seed("cluster", a, {"instances": [{"tasks": 0}]})
    ecs, net = client("ecs", a), out["network"]
    subnets, sg = net["private_subnets"][:1], net["security_group"]
    conf = lambda s, g: {"awsvpcConfiguration": {"subnets": s, "securityGroups": g}}
    check("count over 10", error(ecs.run_task, cluster="prod", taskDefinition="web", count=11,
                                 networkConfiguration=conf(subnets, [sg]))[0] == "InvalidParameterException")
    check("over 16 subnets", error(ecs.run_task, cluster="prod", taskDefinition="web",
                                   networkConfiguration=conf(subnets * 17, [sg]))[0] == "InvalidParameterException")
    check("over 5 groups", error(ecs.run_task, cluster="prod", taskDefinition="web",
                                 networkConfiguration=conf(subnets, [sg] * 6))[0] == "InvalidParameterException")
    public = {"awsvpcConfiguration": {"subnets": [net["public_subnet"]], "securityGroups": [sg], "assignPublicIp": "ENABLED"}}
    t = ecs.run_task(cluster="prod", taskDefinition="worker", launchType="FARGATE", networkConfiguration=public)["tasks"][0]
    eni = next(d["value"] for d in t["attachments"][0]["details"] if d["name"] == "networkInterfaceId")
    got = client("ec2", a).describe_network_interfaces(NetworkInterfaceIds=[eni])["NetworkInterfaces"][0]
    check("Fargate public IP", bool(got.get("Association", {}).get("PublicIp")))


def random_faults_replay(endpoint):
    """The n-th attempt of an operation is faulted or not by (seed, service, operation, n) alone:
    two accounts with one seed, calling in different orders, see the same faults per operation."""
    def faulted(account, order):
        body = json.dumps({"account": account, "rates": {"503": 0.4}, "seed": 7}).encode()
        urllib.request.urlopen(urllib.request.Request(endpoint + "/_awsvpc/faults", data=body)).read()
        ecs = boto3.client("ecs", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=account,
                           aws_secret_access_key="secret",
                           config=botocore.config.Config(retries={"total_max_attempts": 1}))
        calls = {"ListClusters": ecs.list_clusters, "DescribeClusters": ecs.describe_clusters}
        seen = {op: [] for op in calls}
        for op in order:
            try:
                calls[op]()
                seen[op].append(False)
            except botocore.exceptions.ClientError:
                seen[op].append(True)
        return seen

    ops = ["ListClusters"] * 12 + ["DescribeClusters"] * 12
    a = faulted("100000000990", ops)
    b = faulted("100000000991", list(reversed(ops)))
    check("random faults replay per operation and attempt", a == b and any(a["ListClusters"]) and not all(a["ListClusters"]))


def _raw_iam(iam):
    """The raw XML of each IAM answer, before botocore URL-decodes its policy documents."""
    raw = {}
    iam.meta.events.register("after-call.iam", lambda http_response, operation_name=None, **kw: raw.__setitem__(
        kw["model"].name, http_response.text))
    return raw


def iam_roles(endpoint, seed, client, error):
    """9. Execution roles: trust policy, managed and inline policies, URL-encoded documents."""
    a = "100000000916"
    out = seed("pull", a, {"secrets": "secretsmanager", "logs": "awslogs_create"})
    iam = client("iam", a)
    raw = _raw_iam(iam)
    role = iam.get_role(RoleName="ecsTaskExecutionRole")["Role"]
    check("trust policy", role["Arn"] == out["execution_role_arn"]
          and role["AssumeRolePolicyDocument"]["Statement"][0]["Principal"] == {"Service": "ecs-tasks.amazonaws.com"})
    check("trust policy URL-encoded on the wire", "<AssumeRolePolicyDocument>%7B%22Version%22" in raw["GetRole"])
    attached = iam.list_attached_role_policies(RoleName="ecsTaskExecutionRole")["AttachedPolicies"]
    managed = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
    check("managed policy attached", [p["PolicyArn"] for p in attached] == [managed])
    policy = iam.get_policy(PolicyArn=managed)["Policy"]
    doc = iam.get_policy_version(PolicyArn=managed, VersionId=policy["DefaultVersionId"])["PolicyVersion"]["Document"]
    check("AmazonECSTaskExecutionRolePolicy", policy["Path"] == "/service-role/" and doc["Statement"][0]["Action"] == [
        "ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage",
        "logs:CreateLogStream", "logs:PutLogEvents"] and doc["Statement"][0]["Resource"] == "*")
    check("policy version URL-encoded on the wire", "<Document>%7B%22Statement%22" in raw["GetPolicyVersion"])
    check("inline policies", iam.list_role_policies(RoleName="ecsTaskExecutionRole")["PolicyNames"] == ["task-execution"])
    inline = iam.get_role_policy(RoleName="ecsTaskExecutionRole", PolicyName="task-execution")["PolicyDocument"]["Statement"]
    check("inline: CreateLogGroup and the secret", [s["Action"] for s in inline] == ["logs:CreateLogGroup", "secretsmanager:GetSecretValue"]
          and inline[1]["Resource"] == out["secret_arns"][0] and "<PolicyDocument>%7B" in raw["GetRolePolicy"])
    iam.list_roles()
    check("ListRoles URL-encoded", "<AssumeRolePolicyDocument>%7B" in raw["ListRoles"])
    b = "100000000917"
    seed("pull", b, {"execution_role": "missing"})
    check("missing role", error(client("iam", b).get_role, RoleName="ecsTaskExecutionRole")
          == ("NoSuchEntity", "The role with name ecsTaskExecutionRole cannot be found."))
    seed("pull", "100000000918", {"execution_role": "wrong_trust"})
    trust = client("iam", "100000000918").get_role(RoleName="ecsTaskExecutionRole")["Role"]["AssumeRolePolicyDocument"]
    check("wrong trust", trust["Statement"][0]["Principal"] == {"Service": "ec2.amazonaws.com"})
    c = "100000000919"
    out = seed("pull", c, {"execution_role": "none", "launch_type": "EC2"})
    iam, ecs = client("iam", c), client("ecs", c)
    check("no execution role", out["execution_role_arn"] is None
          and "executionRoleArn" not in ecs.describe_task_definition(taskDefinition="pull")["taskDefinition"])
    ci = ecs.describe_container_instances(cluster="pull", containerInstances=[out["container_instance"]])["containerInstances"][0]
    inst = client("ec2", c).describe_instances(InstanceIds=[out["instance_id"]])["Reservations"][0]["Instances"][0]
    check("EC2 instance in the task subnet", ci["ec2InstanceId"] == out["instance_id"] and inst["SubnetId"] == out["task_subnet"]
          and [g["GroupId"] for g in inst["SecurityGroups"]] == [out["task_security_group"]])
    check("instance role", [p["PolicyName"] for p in iam.list_attached_role_policies(RoleName="ecsInstanceRole")["AttachedPolicies"]]
          == ["AmazonEC2ContainerServiceforEC2Role"])
    raw = _raw_iam(iam)
    profile = iam.get_instance_profile(InstanceProfileName="ecsInstanceRoleProfile")["InstanceProfile"]
    check("instance profile trust policy", profile["Roles"][0]["AssumeRolePolicyDocument"]["Statement"][0]["Principal"]
          == {"Service": "ec2.amazonaws.com"} and "<AssumeRolePolicyDocument>%7B%22Version" in raw["GetInstanceProfile"])


def iam_simulation(endpoint, seed, client, error):
    """10. SimulatePrincipalPolicy: decisions, per-resource results, paging, conditions, refusal."""
    a = "100000000920"
    out = seed("pull", a, {"secrets": "secretsmanager", "logs": "awslogs_create"})
    iam = client("iam", a)
    role, secret = out["execution_role_arn"], out["secret_arns"][0]
    ecr = ["ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]
    r = iam.simulate_principal_policy(PolicySourceArn=role, ActionNames=ecr + ["logs:CreateLogStream", "logs:PutLogEvents"])
    check("managed policy allows", [x["EvalDecision"] for x in r["EvaluationResults"]] == ["allowed"] * 6
          and all(x["EvalResourceName"] == "*" and not x["ResourceSpecificResults"] for x in r["EvaluationResults"])
          and r["EvaluationResults"][0]["MatchedStatements"][0]["SourcePolicyId"] == "AmazonECSTaskExecutionRolePolicy"
          and r["IsTruncated"] is False)
    other = secret.rsplit(":", 1)[0] + ":other-AbCdEf"
    r = iam.simulate_principal_policy(PolicySourceArn=role, ActionNames=["secretsmanager:GetSecretValue"], ResourceArns=[secret, other])
    res = r["EvaluationResults"]
    check("one result per action, most restrictive", len(res) == 1 and res[0]["EvalDecision"] == "implicitDeny"
          and res[0]["EvalResourceName"] == "arn:${Partition}:secretsmanager:${Region}:${Account}:secret:${SecretId}")
    check("per resource", [(x["EvalResourceName"], x["EvalResourceDecision"]) for x in res[0]["ResourceSpecificResults"]]
          == [(secret, "allowed"), (other, "implicitDeny")])
    group = f"arn:aws:logs:us-east-1:{a}:log-group:/ecs/pull:*"
    r = iam.simulate_principal_policy(PolicySourceArn=role, ActionNames=["logs:CreateLogGroup", "ssm:GetParameters", "kms:Decrypt"],
                                      ResourceArns=[group], MaxItems=2)
    check("page 1", [x["EvalDecision"] for x in r["EvaluationResults"]] == ["allowed", "implicitDeny"] and r["IsTruncated"])
    r = iam.simulate_principal_policy(PolicySourceArn=role, ActionNames=["logs:CreateLogGroup", "ssm:GetParameters", "kms:Decrypt"],
                                      ResourceArns=[group], MaxItems=2, Marker=r["Marker"])
    check("page 2", [x["EvalActionName"] for x in r["EvaluationResults"]] == ["kms:Decrypt"] and not r["IsTruncated"])
    cond = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
                                                               "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1"}}}]})
    r = iam.simulate_principal_policy(PolicySourceArn=role, ActionNames=["s3:GetObject"], PolicyInputList=[cond])["EvaluationResults"][0]
    check("missing context", r["EvalDecision"] == "implicitDeny" and r["MissingContextValues"] == ["aws:SourceVpce"])
    r = iam.simulate_principal_policy(PolicySourceArn=role, ActionNames=["s3:GetObject"], PolicyInputList=[cond], ContextEntries=[
        {"ContextKeyName": "aws:SourceVpce", "ContextKeyValues": ["vpce-1"], "ContextKeyType": "string"}])["EvaluationResults"][0]
    check("context given", r["EvalDecision"] == "allowed" and r["MatchedStatements"][0]["SourcePolicyId"] == "PolicyInputList.1")
    check("unknown principal", error(iam.simulate_principal_policy, PolicySourceArn=f"arn:aws:iam::{a}:role/nope",
                                     ActionNames=["ecr:BatchGetImage"])[0] == "NoSuchEntity")
    b = "100000000921"
    out = seed("pull", b, {"execution_role": "deny_ecr"})
    r = client("iam", b).simulate_principal_policy(PolicySourceArn=out["execution_role_arn"], ActionNames=["ecr:BatchGetImage"])
    x = r["EvaluationResults"][0]
    check("explicit deny wins", x["EvalDecision"] == "explicitDeny" and x["MatchedStatements"] == [
        {"SourcePolicyId": "task-execution", "SourcePolicyType": "role"}])
    c = "100000000922"
    out = seed("pull", c, {"execution_role": "no_ecr", "simulate": "legacy"})
    repos = [f"arn:aws:ecr:us-east-1:{c}:repository/app", f"arn:aws:ecr:us-east-1:{c}:repository/other"]
    r = client("iam", c).simulate_principal_policy(PolicySourceArn=out["execution_role_arn"],
                                                   ActionNames=["ecr:BatchGetImage", "logs:PutLogEvents"], ResourceArns=repos)
    rows = [(x["EvalActionName"], x["EvalResourceName"], x["EvalDecision"]) for x in r["EvaluationResults"]]
    check("legacy: per action and resource", rows == [
        ("ecr:BatchGetImage", repos[0], "implicitDeny"), ("ecr:BatchGetImage", repos[1], "implicitDeny"),
        ("logs:PutLogEvents", repos[0], "allowed"), ("logs:PutLogEvents", repos[1], "allowed")])
    d = "100000000923"
    out = seed("pull", d, {"simulate": "refused"})
    iam = client("iam", d)
    raw = _raw_iam(iam)
    got = error(iam.simulate_principal_policy, PolicySourceArn=out["execution_role_arn"], ActionNames=["ecr:BatchGetImage"])
    check("refused", got[0] == "AccessDenied" and "not authorized to perform: iam:SimulatePrincipalPolicy" in got[1]
          and "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>" in raw["SimulatePrincipalPolicy"])
    seed("simulate", d, {"refused": False})
    check("switched back", iam.simulate_principal_policy(PolicySourceArn=out["execution_role_arn"],
                                                         ActionNames=["ecr:BatchGetImage"])["EvaluationResults"][0]["EvalDecision"]
          == "allowed")


def logs_and_definitions(endpoint, seed, client, error):
    """11. Log groups (prefix, exact lookups, pages), the request log of JSON-protocol services and
    their faults, task definitions with roles, logs, secrets and private images."""
    import botocore.config

    a = "100000000924"
    out = seed("pull", a, {"secrets": "ssm", "logs": "awslogs_create"})
    logs = client("logs", a)
    names = [g["logGroupName"] for g in logs.describe_log_groups(logGroupNamePrefix="/ecs/pull")["logGroups"]]
    check("prefix lists both", names == ["/ecs/pull", "/ecs/pull-archive"])
    check("identifiers", [g["logGroupName"] for g in logs.describe_log_groups(
        logGroupIdentifiers=[f"arn:aws:logs:us-east-1:{a}:log-group:/ecs/pull"])["logGroups"]] == ["/ecs/pull"])
    by_pattern = logs.describe_log_groups(logGroupNamePattern="archive")["logGroups"]
    check("pattern", [g["logGroupName"] for g in by_pattern] == ["/ecs/pull-archive"])
    check("exclusive", error(logs.describe_log_groups, logGroupNamePrefix="/ecs",
                             logGroupNamePattern="pull")[0] == "InvalidParameterException")
    check("limit 50", error(logs.describe_log_groups, limit=51)[0] == "InvalidParameterException")
    page = logs.describe_log_groups(logGroupNamePrefix="/ecs/", limit=1)
    got = [g["logGroupName"] for g in page["logGroups"]]
    while page.get("nextToken"):
        page = logs.describe_log_groups(logGroupNamePrefix="/ecs/", limit=1, nextToken=page["nextToken"])
        got += [g["logGroupName"] for g in page["logGroups"]]
    check("log group pages", got == ["/ecs/pull", "/ecs/pull-archive"])
    td = client("ecs", a).describe_task_definition(taskDefinition=out["family"])["taskDefinition"]
    cd = td["containerDefinitions"][0]
    check("task definition", td["executionRoleArn"] == out["execution_role_arn"]
          and cd["image"] == f"{a}.dkr.ecr.us-east-1.amazonaws.com/app:1.0"
          and cd["logConfiguration"] == {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/pull", "awslogs-region": "us-east-1",
                                                                            "awslogs-stream-prefix": "app", "awslogs-create-group": "true"}}
          and cd["secrets"] == [{"name": "API_TOKEN", "valueFrom": "/pull/api-token"}])
    params = client("ssm", a).get_parameters(Names=["/pull/api-token"])["Parameters"]
    check("parameter exists", params[0]["ARN"] == out["ssm_parameter"]["arn"])
    check("image exists", client("ecr", a).describe_images(repositoryName="app")["imageDetails"][0]["imageTags"] == ["1.0"])
    ecs = client("ecs", a)
    creds = {"credentialsParameter": f"arn:aws:secretsmanager:us-east-1:{a}:secret:registry-AbCdEf"}
    ecs.register_task_definition(family="private-registry", networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="256",
                                 memory="512", executionRoleArn=out["execution_role_arn"], containerDefinitions=[
                                     {"name": "app", "image": "registry.example.com/app:1", "repositoryCredentials": creds}])
    check("repositoryCredentials", ecs.describe_task_definition(taskDefinition="private-registry")["taskDefinition"][
        "containerDefinitions"][0]["repositoryCredentials"] == creds)
    client("sts", a).get_caller_identity()
    log = json.loads(urllib.request.urlopen(f"{endpoint}/_awsvpc/log?account={a}").read())
    seen = {(x["service"], x["operation"]) for x in log}
    check("request log", {("logs", "DescribeLogGroups"), ("ecs", "DescribeTaskDefinition"), ("sts", "GetCallerIdentity"),
                          ("ssm", "GetParameters"), ("ecr", "DescribeImages")} <= seen)
    body = json.dumps([{"account": a, "service": "logs", "operation": "DescribeLogGroups", "kind": "throttle", "times": 1},
                       {"account": a, "service": "secretsmanager", "operation": "DescribeSecret", "kind": "denied", "times": 1}])
    urllib.request.urlopen(urllib.request.Request(f"{endpoint}/_awsvpc/faults", data=body.encode()))
    once = botocore.config.Config(retries={"total_max_attempts": 1, "mode": "standard"})
    kw = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=a, aws_secret_access_key="secret", config=once)
    check("logs throttled as JSON", error(boto3.client("logs", **kw).describe_log_groups)[0] == "ThrottlingException")
    check("secrets denied as JSON", error(boto3.client("secretsmanager", **kw).describe_secret, SecretId="x")
          == ("AccessDeniedException", "User is not authorized to perform: secretsmanager:DescribeSecret"))
    b = "100000000925"
    out = seed("pull", b, {"secrets": "secretsmanager", "secret_missing": True, "log_group": False, "image": "public",
                           "egress": "public_ip"})
    check("no log group", [g["logGroupName"] for g in client("logs", b).describe_log_groups(logGroupNamePrefix="/ecs/pull")["logGroups"]]
          == ["/ecs/pull-archive"])
    check("secret missing", error(client("secretsmanager", b).describe_secret,
                                  SecretId=out["secret_arns"][0])[0] == "ResourceNotFoundException")
    svc = client("ecs", b).describe_services(cluster="pull", services=["pull-svc"])["services"][0]
    check("public IP service", svc["networkConfiguration"]["awsvpcConfiguration"] == {
        "subnets": [out["public_subnet"]], "securityGroups": [out["task_security_group"]], "assignPublicIp": "ENABLED"}
        and client("ecs", b).describe_task_definition(taskDefinition="pull")["taskDefinition"]["containerDefinitions"][0]["image"]
        == "public.ecr.aws/nginx/nginx:latest")
    check("cluster instance role", [p["PolicyName"] for p in client("iam", "100000000901").list_attached_role_policies(
        RoleName="ecsInstanceRole")["AttachedPolicies"]] == ["AmazonEC2ContainerServiceforEC2Role"])


def enforcement(endpoint, seed, client, error):
    """12. Under IAM enforcement the JSON-protocol services refuse as AWS does (400,
    AccessDeniedException), and an allowed caller simulates."""
    import http.client

    a = "100000000926"
    out = seed("pull", a, {})
    policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["iam:SimulatePrincipalPolicy"], "Resource": "*"}]}
    user = seed("iam_user", a, {"name": "preflight", "policy": policy})
    runners = selfcheck_lifecycle.run_task_users(seed, a)
    conn = http.client.HTTPConnection("127.0.0.1", int(endpoint.rsplit(":", 1)[1]))
    conn.request("POST", "/moto-api/reset-auth", body=b"0")
    check("enforcement on", conn.getresponse().status == 200)
    kw = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=user["key"], aws_secret_access_key=user["secret"])
    r = boto3.client("iam", **kw).simulate_principal_policy(PolicySourceArn=out["execution_role_arn"], ActionNames=["ecr:BatchGetImage"])
    check("allowed caller simulates", r["EvaluationResults"][0]["EvalDecision"] == "allowed")
    for service, call in (("logs", "describe_log_groups"), ("secretsmanager", "list_secrets"), ("ssm", "describe_parameters"),
                          ("ecr", "describe_repositories")):
        got = error(getattr(boto3.client(service, **kw), call))
        check(f"{service} refuses as JSON", got[0] == "AccessDeniedException" and "is not authorized to perform" in got[1])
    check("EC2 refuses", error(boto3.client("ec2", **kw).describe_vpc_endpoints)[0] == "UnauthorizedOperation")
    selfcheck_lifecycle.run_task_authorisations(endpoint, out, runners, error, check)


if __name__ == "__main__":
    main()
