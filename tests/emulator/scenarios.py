"""Scenarios seeded through the AWS API (boto3 against the emulator itself), for the tests and
the demo. Each returns what it created, so that tests can assert against it.
"""

import json

import boto3

import patches
import pull
from seeding import (
    AMI,
    DEFAULT_REGION,
    _region,
    account_params,
    capacity_providers,
    instance_role,
    network,
    network_params,
    region,
)


def clients(endpoint, account):
    kw = dict(endpoint_url=endpoint, region_name=region(), aws_access_key_id=account, aws_secret_access_key="secret")
    return {name: boto3.client(name, **kw) for name in ("ecs", "ec2", "iam", "elbv2")}


def backend(account):
    from moto.ecs.models import ecs_backends
    return ecs_backends[account][region()]


def task_definitions(c):
    ecs = c["ecs"]
    container = [{"name": "app", "image": "public.ecr.aws/nginx/nginx:latest", "memory": 128, "cpu": 64, "essential": True}]
    ecs.register_task_definition(family="web", networkMode="awsvpc", containerDefinitions=container,
                                 requiresCompatibilities=["EC2", "FARGATE"], cpu="256", memory="512")
    # worker carries a tag, for RunTask's propagateTags TASK_DEFINITION.
    ecs.register_task_definition(family="worker", networkMode="awsvpc", containerDefinitions=container,
                                 requiresCompatibilities=["FARGATE"], cpu="256", memory="512",
                                 tags=[{"key": "team", "value": "batch"}])
    ecs.register_task_definition(family="legacy", networkMode="bridge", containerDefinitions=container)


def trunk_eni(ec2, subnet, instance_id):
    """The trunk network interface ECS attaches to a trunked instance (ECS Developer Guide, ENI
    trunking), at device index 1, as DescribeNetworkInterfaces shows it (InterfaceType trunk)."""
    trunk = ec2.create_network_interface(SubnetId=subnet, InterfaceType="trunk",
                                         Description="ENI trunk")["NetworkInterface"]["NetworkInterfaceId"]
    ec2.attach_network_interface(NetworkInterfaceId=trunk, InstanceId=instance_id, DeviceIndex=1)


def instances(c, cluster, subnets, count, instance_type="c5.4xlarge"):
    """EC2 instances registered as container instances, spread over the subnets, as a current
    ECS-optimized AMI registers them: agent 1.80.0, the task-eni capability, a trunk ENI."""
    ec2, ecs = c["ec2"], c["ecs"]
    arns = []
    for i in range(count):
        subnet = subnets[i % len(subnets)]
        inst = ec2.run_instances(ImageId=AMI, MinCount=1, MaxCount=1, InstanceType=instance_type, SubnetId=subnet)["Instances"][0]
        trunk_eni(ec2, subnet, inst["InstanceId"])
        doc = json.dumps({"instanceId": inst["InstanceId"], "region": region(), "instanceType": instance_type,
                          "availabilityZone": inst["Placement"]["AvailabilityZone"]})
        attrs = [{"name": "ecs.capability.task-eni"}, {"name": "ecs.os-type", "value": "linux"},
                 {"name": "ecs.capability.task-eni-trunking"},
                 {"name": "ecs.awsvpc-trunk-id", "value": "6e5b3a7c-1f2d-4c8e-9a0b-1c2d3e4f5a6b"}]
        ci = ecs.register_container_instance(cluster=cluster, instanceIdentityDocument=doc, attributes=attrs,
                                             versionInfo={"agentVersion": "1.80.0"})["containerInstance"]
        arns.append(ci["containerInstanceArn"])
    return arns


def run(c, cluster, family, count, launch_type, subnets, sg, **extra):
    arns = []
    left = count
    i = 0
    while left > 0:
        n = min(10, left)
        conf = {"awsvpcConfiguration": {"subnets": [subnets[i % len(subnets)]], "securityGroups": [sg]}}
        kw = dict(cluster=cluster, taskDefinition=family, count=n, launchType=launch_type, **extra)
        if family != "legacy":
            kw["networkConfiguration"] = conf
        out = c["ecs"].run_task(**kw)
        arns += [t["taskArn"] for t in out["tasks"]]
        left -= n
        i += 1
    return arns


def add_service_connect(account, task_arns):
    """AWS lists a Service Connect attachment for tasks of a Service Connect service, and it can
    come before the ENI attachment; moto never makes one."""
    for t in _tasks(account, task_arns):
        t.attachments.insert(0, {"id": f"sc-{t.id[:8]}", "type": "Service Connect", "status": "ATTACHED",
                                 "details": [{"name": "containerName", "value": "ecs-service-connect-agent"}]})


def _tasks(account, arns):
    b = backend(account)
    wanted = set(arns)
    return [t for tasks in b.tasks.values() for t in tasks.values() if t.task_arn in wanted]


def stop(c, cluster, arns, reason="Scaled down"):
    for a in arns:
        c["ecs"].stop_task(cluster=cluster, task=a, reason=reason)


def scenario_mixed(endpoint, account, params):
    """A cluster of mixed tasks: awsvpc on EC2 and on Fargate, Service Connect first in some,
    bridge-mode tasks, and stopped ones. Network params as network_params() reads them;
    "capacity_providers" and "default_strategy" as capacity_providers() reads them."""
    c = clients(endpoint, account)
    cluster = params.get("cluster", "prod")
    c["ecs"].create_cluster(clusterName=cluster)
    net = network(c, **network_params(params))
    if not params.get("dns_support", True):
        c["ec2"].modify_vpc_attribute(VpcId=net["vpc"], EnableDnsSupport={"Value": False})
    if params.get("service_linked_role", True):
        try:
            c["iam"].create_service_linked_role(AWSServiceName="ecs.amazonaws.com")
        except (c["iam"].exceptions.InvalidInputException, c["iam"].exceptions.EntityAlreadyExistsException):
            pass  # a second scenario in the same account: the role is already there
    task_definitions(c)
    n_ec2 = params.get("ec2", 4)
    n_fargate = params.get("fargate", 4)
    n_bridge = params.get("bridge", 1)
    n_stopped = params.get("stopped", 1)
    n_sc = params.get("service_connect", 1)
    n_instances = params.get("instances", 2)
    sg = net["security_group"]
    subnets = net["private_subnets"]
    made, first_asg = capacity_providers(c, endpoint, account, cluster, net, params)
    # Huge CPU and memory figures: the mixed seed is about ENIs, never short of CPU or memory.
    cis = instances(c, cluster, subnets, n_instances, params.get("instance_type", "c5.4xlarge")) if (n_ec2 or n_bridge) else []
    if cis:
        b = backend(account)
        for ci in b.container_instances.get(cluster, {}).values():
            ci.capacity_provider_name = first_asg
            for r in ci.registered_resources + ci.remaining_resources:
                if r["name"] in ("CPU", "MEMORY"):
                    r["integerValue"] = 10_000_000
    ec2_tasks = run(c, cluster, "web", n_ec2, "EC2", subnets, sg) if n_ec2 else []
    fargate_tasks = run(c, cluster, "worker", n_fargate, "FARGATE", subnets, sg, platformVersion="LATEST") if n_fargate else []
    bridge_tasks = run(c, cluster, "legacy", n_bridge, "EC2", subnets, sg) if n_bridge else []
    sc = fargate_tasks[:n_sc]
    add_service_connect(account, sc)
    stopped = ec2_tasks[len(ec2_tasks) - n_stopped:] if n_stopped else []
    stop(c, cluster, stopped)
    return {
        "cluster": cluster,
        "network": net,
        "container_instances": cis,
        "ec2_tasks": ec2_tasks,
        "fargate_tasks": fargate_tasks,
        "bridge_tasks": bridge_tasks,
        "service_connect_tasks": sc,
        "stopped_tasks": stopped,
        "capacity_providers": made,
    }


def scenario_fargate_many(endpoint, account, params):
    """Many awsvpc Fargate tasks, for call counts."""
    c = clients(endpoint, account)
    cluster = params.get("cluster", "big")
    c["ecs"].create_cluster(clusterName=cluster)
    net = network(c)
    task_definitions(c)
    tasks = run(c, cluster, "worker", params["tasks"], "FARGATE", net["private_subnets"], net["security_group"])
    return {"cluster": cluster, "tasks": tasks, "network": net}


def scenario_demo(endpoint, account, params):
    """A small, realistic account with a few planted problems: cluster `demo` with two c5.large
    container instances (current agent, no trunk ENI) each running two awsvpc tasks, so they are
    full; awsvpcTrunking enabled for the caller but not for the instance role (the classic trap);
    awsvpc tasks on Fargate, one with Service Connect; an old bridge-mode task."""
    c = clients(endpoint, account)
    out = scenario_cluster(endpoint, account, {
        "cluster": "demo",
        "instances": [{"subnet": 0, "tasks": 2}, {"subnet": 1, "tasks": 2}],
        "settings": {"caller": {"awsvpcTrunking": "enabled"}},
    })
    # The demo shows the instance role's setting: its caller reads it as the root user could.
    account_params(account, {"allow_principals": params.get("allow_principals", True)})
    net = out["network"]
    workers = []
    for subnet in net["private_subnets"]:
        workers += run(c, "demo", "worker", 1, "FARGATE", [subnet], net["security_group"])
    add_service_connect(account, workers[:1])
    legacy = run(c, "demo", "legacy", 1, "EC2", net["private_subnets"], net["security_group"])
    out["tasks"] = [t for i in out["instances"] for t in i["tasks"]] + workers + legacy
    return out


DEFAULT_INSTANCE = {"type": "c5.large", "agent": "1.80.0", "os": "linux", "os_family": "LINUX", "trunk": False,
                    "capability": True, "tasks": 0, "subnet": 0, "status": "ACTIVE", "connected": True, "manual_enis": 0}


def scenario_cluster(endpoint, account, params):
    """A cluster of EC2 container instances described one by one (type, agent version, OS,
    attributes, trunk ENI, status, awsvpc tasks, hand-attached ENIs; registered "cpu" / "memory"
    and "remaining_cpu" / "remaining_memory" after its tasks, else the type's figures;
    "dns_a_record" for resource-name hostnames with an A record; "capacity_provider", by default
    the first Auto Scaling group provider), with an instance role whose account settings, like the
    caller's and the account default, can be set; the role is trusted by ec2.amazonaws.com with
    AmazonEC2ContainerServiceforEC2Role attached, so EC2-launch-type pulls work over the
    instances' subnets ("instance_role_policy": false for a role without it). Network params as
    network_params() reads them; "capacity_providers" and "default_strategy" as
    capacity_providers() reads them."""
    c = clients(endpoint, account)
    ecs, ec2, iam = c["ecs"], c["ec2"], c["iam"]
    cluster = params.get("cluster", "prod")
    ecs.create_cluster(clusterName=cluster)
    if params.get("service_linked_role", True):
        try:
            iam.create_service_linked_role(AWSServiceName="ecs.amazonaws.com")
        except (iam.exceptions.InvalidInputException, iam.exceptions.EntityAlreadyExistsException):
            pass
    net = network(c, **network_params(params))
    if not params.get("dns_support", True):
        ec2.modify_vpc_attribute(VpcId=net["vpc"], EnableDnsSupport={"Value": False})
    if params.get("shared_subnet"):
        # AWS RAM sharing is not in moto: the subnet's owner is set as a participant account sees it.
        from moto.ec2.models import ec2_backends
        ec2_backends[account][region()].get_subnet(net["private_subnets"][1])._shared_owner = "999999999999"
    task_definitions(c)
    role_name = params.get("role", "ecsInstanceRole")
    role_arn = instance_role(iam, role_name, params.get("instance_role_policy", True))
    profile = iam.create_instance_profile(InstanceProfileName=role_name + "Profile")["InstanceProfile"]
    iam.add_role_to_instance_profile(InstanceProfileName=role_name + "Profile", RoleName=role_name)
    settings = params.get("settings", {})
    for name, value in settings.get("default", {}).items():
        ecs.put_account_setting_default(name=name, value=value)
    for name, value in settings.get("caller", {}).items():
        ecs.put_account_setting(name=name, value=value)
    for name, value in settings.get("role", {}).items():
        ecs.put_account_setting(name=name, value=value, principalArn=role_arn)
    made, first_asg = capacity_providers(c, endpoint, account, cluster, net, params)
    out = []
    for spec in params.get("instances", [{}]):
        spec = {**DEFAULT_INSTANCE, "capacity_provider": first_asg, **spec}
        subnet = net["private_subnets"][spec["subnet"] % len(net["private_subnets"])]
        kw = dict(ImageId=AMI, MinCount=1, MaxCount=1, InstanceType=spec["type"], SubnetId=subnet)
        if spec.get("profile", True):
            kw["IamInstanceProfile"] = {"Arn": profile["Arn"]}
        if spec.get("dns_a_record"):
            # Resource-based hostnames with an A record (EC2 API Reference, PrivateDnsNameOptionsRequest).
            kw["PrivateDnsNameOptions"] = {"HostnameType": "resource-name", "EnableResourceNameDnsARecord": True}
        inst = ec2.run_instances(**kw)["Instances"][0]
        if spec["trunk"]:
            trunk_eni(ec2, subnet, inst["InstanceId"])
        attrs = [{"name": "ecs.os-type", "value": spec["os"]}, {"name": "ecs.os-family", "value": spec["os_family"]}]
        if spec["capability"]:
            attrs.append({"name": "ecs.capability.task-eni"})
        if spec["trunk"]:
            attrs += [{"name": "ecs.capability.task-eni-trunking"},
                      {"name": "ecs.awsvpc-trunk-id", "value": "6e5b3a7c-1f2d-4c8e-9a0b-1c2d3e4f5a6b"}]
        doc = json.dumps({"instanceId": inst["InstanceId"], "region": region(), "instanceType": spec["type"],
                          "availabilityZone": inst["Placement"]["AvailabilityZone"]})
        # Registered CPU and memory: the type's (patches/ecs_resources.py), or the spec's "cpu" /
        # "memory", sent as the agent sends them (totalResources).
        total = [{"name": n, "type": "INTEGER", "integerValue": int(spec[k])} for n, k in (("CPU", "cpu"), ("MEMORY", "memory"))
                 if spec.get(k) is not None]
        ci = ecs.register_container_instance(cluster=cluster, instanceIdentityDocument=doc, attributes=attrs, totalResources=total,
                                             versionInfo={"agentVersion": spec["agent"], "agentHash": "abc",
                                                          "dockerVersion": "DockerVersion: 20.10.25"})["containerInstance"]
        arn = ci["containerInstanceArn"]
        model = backend(account).container_instances[cluster][arn.split("/")[-1]]
        # An instance of an Auto Scaling group provider's group registers through it
        # (ContainerInstance.capacityProviderName); spec "capacity_provider": null for none.
        model.capacity_provider_name = spec["capacity_provider"]
        model.status = spec["status"]
        model.agent_connected = spec["connected"]
        if spec["status"] == "REGISTRATION_FAILED":
            model.status_reason = spec.get("status_reason", "Trunk ENI could not be attached")
        tasks = []
        if spec["tasks"]:
            conf = {"awsvpcConfiguration": {"subnets": [subnet], "securityGroups": [net["security_group"]]}}
            tasks = [t["taskArn"] for t in ecs.start_task(cluster=cluster, taskDefinition="web", containerInstances=[arn] * spec["tasks"],
                                                          networkConfiguration=conf)["tasks"]]
        for k in range(spec["manual_enis"]):
            eni = ec2.create_network_interface(SubnetId=subnet, Description="attached by hand")["NetworkInterface"]["NetworkInterfaceId"]
            attached = ec2.describe_instances(InstanceIds=[inst["InstanceId"]])["Reservations"][0]["Instances"][0]["NetworkInterfaces"]
            free = next(i for i in range(1, 100) if i not in {n["Attachment"]["DeviceIndex"] for n in attached})
            ec2.attach_network_interface(NetworkInterfaceId=eni, InstanceId=inst["InstanceId"], DeviceIndex=free)
        # What is left after its tasks, when the spec says ("remaining_cpu", "remaining_memory").
        patches.ecs_resources.set_remaining(model, spec.get("remaining_cpu"), spec.get("remaining_memory"))
        out.append({"arn": arn, "instance_id": inst["InstanceId"], "az": inst["Placement"]["AvailabilityZone"],
                    "subnet": subnet, "tasks": tasks})
    services = {}
    for svc in params.get("services", []):
        lbs = []
        if svc.get("classic"):
            lbs.append({"loadBalancerName": "classic-web", "containerName": "app", "containerPort": 80})
        if svc.get("target_type"):
            tg_vpc = net["vpc"]
            if svc.get("other_vpc"):
                tg_vpc = ec2.create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]
            tg = c["elbv2"].create_target_group(Name=f"{svc['name']}-tg", Protocol="HTTP", Port=80, VpcId=tg_vpc,
                                                TargetType=svc["target_type"])["TargetGroups"][0]["TargetGroupArn"]
            lbs.append({"targetGroupArn": tg, "containerName": "app", "containerPort": 80})
        kw = dict(cluster=cluster, serviceName=svc["name"], taskDefinition=svc.get("task_definition", "web"), desiredCount=0,
                  launchType=svc.get("launch_type", "EC2"), loadBalancers=lbs)
        if not svc.get("no_network"):
            kw["networkConfiguration"] = {"awsvpcConfiguration": {"subnets": net["private_subnets"],
                                                                  "securityGroups": [net["security_group"]]}}
        services[svc["name"]] = {"arn": ecs.create_service(**kw)["service"]["serviceArn"], "load_balancers": lbs}
        if "events" in svc or "desired" in svc:
            set_service_state(account, cluster, svc)
    return {"cluster": cluster, "network": net, "role_arn": role_arn, "instances": out, "services": services,
            "capacity_providers": made}


def scenario_big_cluster(endpoint, account, params):
    """Many container instances (trunked, with one instance role) and many awsvpc tasks spread
    over them, for call counts at scale."""
    c = clients(endpoint, account)
    ecs, ec2, iam = c["ecs"], c["ec2"], c["iam"]
    cluster = params.get("cluster", "big")
    ecs.create_cluster(clusterName=cluster)
    net = network(c)
    task_definitions(c)
    iam.create_role(RoleName="ecsInstanceRole", AssumeRolePolicyDocument="{}")
    profile = iam.create_instance_profile(InstanceProfileName="ecsInstanceProfile")["InstanceProfile"]
    iam.add_role_to_instance_profile(InstanceProfileName="ecsInstanceProfile", RoleName="ecsInstanceRole")
    n, itype = params["instances"], params.get("type", "m5.2xlarge")
    arns = []
    attrs = [{"name": "ecs.capability.task-eni"}, {"name": "ecs.os-type", "value": "linux"},
             {"name": "ecs.capability.task-eni-trunking"}, {"name": "ecs.awsvpc-trunk-id", "value": "6e5b3a7c-1f2d-4c8e-9a0b-1c2d3e4f5a6b"}]
    for start in range(0, n, 50):
        k = min(50, n - start)
        subnet = net["private_subnets"][(start // 50) % 2]
        insts = ec2.run_instances(ImageId=AMI, MinCount=k, MaxCount=k, InstanceType=itype, SubnetId=subnet,
                                  IamInstanceProfile={"Arn": profile["Arn"]})["Instances"]
        for inst in insts:
            doc = json.dumps({"instanceId": inst["InstanceId"], "region": region(), "instanceType": itype,
                              "availabilityZone": inst["Placement"]["AvailabilityZone"]})
            arns.append(ecs.register_container_instance(cluster=cluster, instanceIdentityDocument=doc, attributes=attrs,
                                                        versionInfo={"agentVersion": "1.80.0"})["containerInstance"]["containerInstanceArn"])
    tasks = params.get("tasks", 0)
    conf = {"awsvpcConfiguration": {"subnets": net["private_subnets"][:1], "securityGroups": [net["security_group"]]}}
    placed = 0
    i = 0
    while placed < tasks:
        batch = [arns[(i + j) % len(arns)] for j in range(min(10, tasks - placed))]
        ecs.start_task(cluster=cluster, taskDefinition="web", containerInstances=batch, networkConfiguration=conf)
        placed += len(batch)
        i += len(batch)
    return {"cluster": cluster, "network": net, "instances": len(arns), "tasks": placed}


def scenario_many_clusters(endpoint, account, params):
    """A fleet: `clusters` clusters of `instances` trunked container instances running `tasks`
    awsvpc tasks each, in one VPC with one instance role."""
    c = clients(endpoint, account)
    ecs, ec2, iam = c["ecs"], c["ec2"], c["iam"]
    net = network(c)
    task_definitions(c)
    # IAM is global: a fleet seeded in a second region names its own role (params "role").
    role = params.get("role", "ecsInstanceRole")
    profile_name = "ecsInstanceProfile" if role == "ecsInstanceRole" else role + "Profile"
    iam.create_role(RoleName=role, AssumeRolePolicyDocument="{}")
    profile = iam.create_instance_profile(InstanceProfileName=profile_name)["InstanceProfile"]
    iam.add_role_to_instance_profile(InstanceProfileName=profile_name, RoleName=role)
    attrs = [{"name": "ecs.capability.task-eni"}, {"name": "ecs.os-type", "value": "linux"},
             {"name": "ecs.capability.task-eni-trunking"}, {"name": "ecs.awsvpc-trunk-id", "value": "6e5b3a7c-1f2d-4c8e-9a0b-1c2d3e4f5a6b"}]
    conf = {"awsvpcConfiguration": {"subnets": net["private_subnets"][:1], "securityGroups": [net["security_group"]]}}
    names = []
    for k in range(params.get("clusters", 30)):
        name = f"fleet-{k:02d}"
        ecs.create_cluster(clusterName=name)
        n = params.get("instances", 2)
        insts = ec2.run_instances(ImageId=AMI, MinCount=n, MaxCount=n, InstanceType="m5.2xlarge",
                                  SubnetId=net["private_subnets"][k % 2], IamInstanceProfile={"Arn": profile["Arn"]})["Instances"]
        arns = []
        for inst in insts:
            doc = json.dumps({"instanceId": inst["InstanceId"], "region": region(), "instanceType": "m5.2xlarge",
                              "availabilityZone": inst["Placement"]["AvailabilityZone"]})
            arns.append(ecs.register_container_instance(cluster=name, instanceIdentityDocument=doc, attributes=attrs,
                                                        versionInfo={"agentVersion": "1.80.0"})["containerInstance"]["containerInstanceArn"])
        tasks = params.get("tasks", 2)
        if tasks:
            ecs.start_task(cluster=name, taskDefinition="web", containerInstances=[arns[i % len(arns)] for i in range(tasks)],
                           networkConfiguration=conf)
        names.append(name)
    return {"clusters": names, "network": net}


def scenario_iam_user(endpoint, account, params):
    """An IAM user holding exactly `policy`, with an access key."""
    iam = clients(endpoint, account)["iam"]
    name = params["name"]
    arn = iam.create_user(UserName=name)["User"]["Arn"]
    iam.put_user_policy(UserName=name, PolicyName="awsvpc", PolicyDocument=json.dumps(params["policy"]))
    key = iam.create_access_key(UserName=name)["AccessKey"]
    return {"arn": arn, "key": key["AccessKeyId"], "secret": key["SecretAccessKey"]}


SCENARIOS = {
    "iam_user": scenario_iam_user,
    "big_cluster": scenario_big_cluster,
    "many_clusters": scenario_many_clusters,
    "cluster": scenario_cluster,
    "demo": scenario_demo,
    "mixed": scenario_mixed,
    "fargate_many": scenario_fargate_many,
}


def scenario_smallest_pages(endpoint, account, params):
    """Switches the account's paged ECS listings to one item a page (see patches/paging.py)."""
    patches.paging.set_smallest_pages(backend(account), params.get("on", True))
    return {}


SCENARIOS["smallest_pages"] = scenario_smallest_pages
SCENARIOS["pull"] = pull.scenario_pull
SCENARIOS["simulate"] = pull.scenario_simulate


def seed(endpoint, name, account, params):
    token = _region.set(params.get("region", DEFAULT_REGION))
    account_params(account, params)
    try:
        out = SCENARIOS[name](endpoint, account, params)
    finally:
        _region.reset(token)
    if params.get("smallest_pages"):
        patches.paging.set_smallest_pages(backend(account))
    return out


def set_service_state(account, cluster, svc):
    """A service as AWS shows it mid-deployment: its counts (desiredCount, runningCount,
    pendingCount) and the scheduler's events, newest first, `minutes_ago` apart (API Reference,
    Service.events: ServiceEvent id, createdAt, message)."""
    import datetime
    import uuid

    s = backend(account).services[f"{cluster}:{svc['name']}"]
    s.desired_count = svc.get("desired", s.desired_count)
    s.running_count = svc.get("running", 0)
    s.pending_count = svc.get("pending", 0)
    now = datetime.datetime.now(datetime.timezone.utc)
    s.events = [{"id": str(uuid.uuid4()), "createdAt": now - datetime.timedelta(minutes=k * svc.get("minutes_apart", 5)),
                 "message": m} for k, m in enumerate(svc.get("events", []))]


def backend_tasks(account):
    """Every task of the account's ECS backend (the emulator's own state, read directly)."""
    b = backend(account)
    return [{"arn": t.task_arn, "cluster": cluster.split("/")[-1], "last_status": t.last_status,
             "desired_status": t.desired_status, "started_by": t.started_by, "group": t.group, "tags": t.tags,
             "task_definition": t.task_definition_arn, "container_instance": t.container_instance_arn,
             "launch_type": t.launch_type, "capacity_provider": t.capacity_provider_name,
             "platform_version": t.platform_version, "overrides": t.overrides,
             "enable_execute_command": getattr(t, "enable_execute_command", False),
             "stop_code": getattr(t, "stop_code", None), "stopped_reason": t.stopped_reason}
            for cluster, tasks in b.tasks.items() for t in tasks.values()]


def backend_enis(account):
    """Every network interface of the account's EC2 backend (its own state, read directly)."""
    from moto.ec2.models import ec2_backends
    ec2 = ec2_backends[account][region()]
    return [{"id": e.id, "subnet": e.subnet.id if e.subnet is not None else None, "status": e.status,
             "type": getattr(e, "interface_type", None) or "interface", "description": e.description or "",
             "ipv6": list(e.ipv6_addresses or [])}
            for e in ec2.enis.values()]


def set_task(data):
    """Sets a task's state as AWS would show it (stopped with a code and reason, attachment status)."""
    b = backend(data["account"])
    task = next(t for tasks in b.tasks.values() for t in tasks.values() if t.task_arn == data["task"] or t.id == data["task"])
    patches.forget(task)
    if data.get("stop_code"):
        patches.finish_stop(task, data["stop_code"], data.get("stopped_reason", ""))
    # A service's tasks are in its group (service:NAME), which ListTasks' serviceName matches here.
    for key in ("last_status", "desired_status", "group", "started_by"):
        if key in data:
            setattr(task, key, data[key])
    if "attachment_status" in data:
        for att in task.attachments:
            if att["type"] == "ElasticNetworkInterface":
                att["status"] = data["attachment_status"]
    return {"ok": True}
