"""ECS RunTask as AWS does it (API Reference, RunTask; ECS Developer Guide, "Amazon ECS API
failure reasons", "Amazon ECS capacity providers"). moto placed by CPU and memory only, silently
placed fewer tasks than asked, used only the first subnet, ignored clientToken and the cluster's
default capacity provider strategy for awsvpc, and crashed (HTTP 500) on a cluster without
instances.

* Launch target: a launchType, or a capacityProviderStrategy, never both ("Specifying both a
  launch type and capacity provider strategy is not supported."); with neither, the cluster's
  defaultCapacityProviderStrategy ("If no capacityProviderStrategy or launchType is specified, the
  defaultCapacityProviderStrategy for the cluster is used"), and EC2 when it has none. A strategy
  may name only providers associated with the cluster; tasks are spread over it by `base`, then
  `weight` (CapacityProviderStrategyItem).
* FARGATE / FARGATE_SPOT providers make Fargate tasks (launchType FARGATE, capacityProviderName
  set). An Auto Scaling group provider makes EC2 tasks (launchType EC2, capacityProviderName set)
  on the container instances registered through it (ContainerInstance.capacityProviderName; a
  cluster whose instances name no provider: any of its instances). With managed scaling ENABLED a
  task that fits no instance waits in PROVISIONING for the group to scale out instead of failing
  (ECS Developer Guide, "Automatically manage Amazon ECS capacity with cluster auto scaling"); an
  ECS Managed Instances provider launches instances itself, likewise (launchType
  MANAGED_INSTANCES). A waiting task has no container instance and its ENI attachment is
  PRECREATED, naming the subnet only.
* EC2 placement: an instance in one of the subnets' AZs, ACTIVE with its agent connected, with
  the ecs.capability.task-eni attribute for awsvpc, a free ENI slot (MaximumNetworkInterfaces - 1,
  or the trunking table with a trunk ENI) and room for the task's CPU, memory, ports and GPUs on
  the same instance (ecs_resources.py). What cannot be placed is answered in failures[]
  (LOCATION, AGENT, ATTRIBUTE, RESOURCE:ENI, RESOURCE:CPU, RESOURCE:MEMORY, RESOURCE:PORTS,
  RESOURCE:GPU) instead of silently placing fewer; EC2 on a cluster with no instance at all is
  refused ("No Container Instances were found in your cluster.").
* propagateTags TASK_DEFINITION gives the tasks the task definition's tags besides the request's;
  SERVICE is refused ("An error will be received if you specify the SERVICE option when running a
  task.", RunTask propagateTags); enableExecuteCommand is kept on the task (Task.enableExecuteCommand).
* assignPublicIp ENABLED is Fargate only: "Assign public IP is not supported for this launch
  type." (AwsVpcConfiguration.assignPublicIp: "This is only supported for Fargate").
* Each task's ENI goes into a subnet of its AZ (Fargate: the subnets in turn).
* clientToken makes the call idempotent: the same token and request return the same tasks; the
  same token with another request is a ConflictException listing the tasks tied to it.
* Under IAM enforcement, iam:PassRole for the tasks' roles and ecs:TagResource for tags are
  authorised too (iam_extra.py).
* Tasks follow AWS's lifecycle by time (ecs_lifecycle.py; RunTask answers PROVISIONING).
"""

import copy
import json

from moto.core.exceptions import JsonRESTError
from moto.core.responses import ActionResult
from moto.ec2.models import ec2_backends
from moto.ec2.models.instance_types import INSTANCE_TYPES
from moto.ecs import models as ecs_models
from moto.ecs import responses as ecs_responses
from moto.ec2.utils import random_public_ip
from moto.ecs.exceptions import InvalidParameterException

from . import ecs_capacity, ecs_resources, iam_extra
from .ecs_lifecycle import launched
from .ecs_tasks import attach_task_eni, eni_details


class _Conflict(JsonRESTError):
    code = 400

    def __init__(self, message, resource_ids):
        super().__init__("ConflictException", message)
        self.description = json.dumps({"__type": "ConflictException", "message": message, "resourceIds": resource_ids})


# awsvpc task limits with a trunk ENI, typed from AWS's table (ECS Developer Guide, "Increasing
# Amazon ECS Linux container instance network interfaces", supported instance types, 2023-04-18)
# for the instance types the tests use; the emulator never reads the product's copy of the table.
# A trunked type not listed here (c7i: newer than the table) is placed by its ENIs alone.
TRUNK_SLOTS = {
    "c5.large": 10,
    "c5.4xlarge": 60,
    "m5.large": 10,
    "m5.xlarge": 20,
    "m5.2xlarge": 40,
    "m5.4xlarge": 60,
}


def _slots(ci):
    itype = ci.attributes.get("ecs.instance-type")
    if "ecs.awsvpc-trunk-id" in ci.attributes and TRUNK_SLOTS.get(itype, 0) > 0:
        return TRUNK_SLOTS[itype]
    info = INSTANCE_TYPES.get(itype, {}).get("NetworkInfo", {})
    return max(int(info.get("MaximumNetworkInterfaces", 2)) - 1, 0)


def _used(backend, cluster_name, ci):
    return sum(
        1
        for t in backend.tasks.get(cluster_name, {}).values()
        if t.container_instance_arn == ci.container_instance_arn and t.last_status != "STOPPED" and t.attachments
    )


def _spread(strategy, count):
    """The provider of each of `count` tasks: each provider's `base` first, in order, then the
    rest in proportion to the weights."""
    bases = [int(s.get("base") or 0) for s in strategy]
    weights = [int(s.get("weight") or 0) for s in strategy]
    weighted = [i for i, w in enumerate(weights) if w > 0] or [0]
    total = sum(weights[i] for i in weighted) or 1
    counts = [0] * len(strategy)
    out = []
    for _ in range(count):
        pick = next((i for i in range(len(strategy)) if counts[i] < bases[i]), None)
        if pick is None:
            extra = [max(counts[i] - bases[i], 0) for i in range(len(strategy))]
            n = sum(extra[i] for i in weighted) + 1
            pick = max(weighted, key=lambda i: (max(weights[i], 1) * n / total - extra[i], -i))
        counts[pick] += 1
        out.append(strategy[pick]["capacityProvider"])
    return out


def _targets(backend, cluster, launch_type, strategy, count):
    """(launch type, capacity provider or None, provider type) for each task."""
    if launch_type and strategy:
        raise InvalidParameterException("Specifying both a launch type and capacity provider strategy is not supported.")
    if launch_type and launch_type not in ("EC2", "FARGATE", "EXTERNAL"):
        raise InvalidParameterException("launch type should be one of [EC2,FARGATE,EXTERNAL]")
    if not launch_type and not strategy:
        strategy = cluster.default_capacity_provider_strategy or []
        if not strategy:
            launch_type = "EC2"
    if launch_type:
        return [(launch_type, None, launch_type)] * count
    associated = cluster.capacity_providers or []
    for item in strategy:
        if item["capacityProvider"] not in associated or ecs_capacity.kind(backend, item["capacityProvider"]) is None:
            raise InvalidParameterException(
                "The specified capacity provider strategy cannot contain a capacity provider that is not associated "
                "with the cluster. Associate the capacity provider with the cluster or specify a valid capacity "
                "provider and try again.")
    out = []
    for name in _spread(strategy, count):
        kind = ecs_capacity.kind(backend, name)
        lt = {"FARGATE": "FARGATE", "EC2_AUTOSCALING": "EC2", "MANAGED_INSTANCES": "MANAGED_INSTANCES"}[kind]
        out.append((lt, name, kind))
    return out


def _pool(backend, cluster, provider):
    """The container instances a task may go to: those registered through its capacity provider
    (a cluster whose instances name none: all), or, for a launch type, all of them."""
    instances = list(backend.container_instances.get(cluster.name, {}).values())
    if provider is None:
        return instances
    mine = [ci for ci in instances if getattr(ci, "capacity_provider_name", None) == provider]
    if mine or any(getattr(ci, "capacity_provider_name", None) for ci in instances):
        return mine
    return instances


def _place(backend, cluster, pool, azs, size, awsvpc):
    """(instance, None) for the instance that takes the task, or (None, failure)."""
    active = [ci for ci in pool if ci.status == "ACTIVE"]
    located = [ci for ci in active if azs is None or ci.attributes.get("ecs.availability-zone") in azs]
    if not located:
        return None, {"arn": cluster.arn, "reason": "LOCATION"}
    connected = [ci for ci in located if ci.agent_connected]
    if not connected:
        return None, {"arn": located[0].container_instance_arn, "reason": "AGENT"}
    capable = [ci for ci in connected if not awsvpc or "ecs.capability.task-eni" in ci.attributes]
    if not capable:
        return None, {"arn": cluster.arn, "reason": "ATTRIBUTE"}
    reasons = {}
    for ci in capable:
        if awsvpc and _used(backend, cluster.name, ci) >= _slots(ci):
            reasons[ci.id] = "RESOURCE:ENI"
        else:
            reasons[ci.id] = ecs_resources.shortfall(ci, size)
    free = [ci for ci in capable if reasons[ci.id] is None]
    if not free:
        return None, {"arn": capable[0].container_instance_arn, "reason": reasons[capable[0].id]}
    return min(free, key=lambda ci: (_used(backend, cluster.name, ci), ci.running_tasks_count)), None


def _tags(propagate, task_definition, tags):
    """The tags of a new task: the request's, after the task definition's with propagateTags
    TASK_DEFINITION (API Reference, RunTask propagateTags: "Specifies whether to propagate the tags
    from the task definition to the task ... An error will be received if you specify the SERVICE
    option when running a task."; AWS does not document the error's message)."""
    if propagate == "SERVICE":
        raise InvalidParameterException("propagateTags SERVICE is not supported when running a task.")
    if propagate == "TASK_DEFINITION":
        own = {t["key"] for t in tags}
        return [t for t in (task_definition.tags or []) if t["key"] not in own] + list(tags)
    return list(tags)


def _waiting(task):
    """A task waiting for capacity: PROVISIONING, no instance, its ENI not made yet."""
    ec2 = ec2_backends[task._account_id][task.region_name]
    for att in task.attachments:
        if att.get("type") != "ElasticNetworkInterface":
            continue
        details = {d["name"]: d["value"] for d in att.get("details", [])}
        if details.get("networkInterfaceId") in ec2.enis:
            ec2.delete_network_interface(details["networkInterfaceId"])
        att["status"] = "PRECREATED"
        att["details"] = [{"name": "subnetId", "value": details.get("subnetId")}]
    task.last_status = "PROVISIONING"
    task.container_instance_arn = None
    task._awsvpc_waiting = True


def _run_task(self):
    backend = self.ecs_backend
    token = self._get_param("clientToken")
    request = {k: v for k, v in json.loads(self.body or "{}").items() if k != "clientToken"}
    tokens = backend.__dict__.setdefault("_awsvpc_tokens", {})
    if token and token in tokens:
        seen_request, arns = tokens[token]
        if seen_request != request:
            raise _Conflict("The client token has already been used with different parameters.", arns)
        tasks = [t for ts in backend.tasks.values() for t in ts.values() if t.task_arn in arns]
        return ActionResult({"tasks": tasks, "failures": []})
    cluster = backend._get_cluster(self._get_param("cluster", "default"))
    task_definition = backend.describe_task_definition(self._get_param("taskDefinition"))
    iam_extra.run_task(self, task_definition, cluster.name)
    count = self._get_int_param("count", 1)
    # RunTask's documented limits (API Reference, RunTask: count "Valid Range: Minimum value of 1.
    # Maximum value of 10."; AwsVpcConfiguration: "up to 16 subnets", "up to 5 security groups").
    if not 1 <= count <= 10:
        raise InvalidParameterException("count must be between 1 and 10.")
    limits = ((self._get_param("networkConfiguration") or {}).get("awsvpcConfiguration") or {})
    if len(limits.get("subnets") or []) > 16:
        raise InvalidParameterException("The maximum number of subnets allowed is 16.")
    if len(limits.get("securityGroups") or []) > 5:
        raise InvalidParameterException("The maximum number of security groups allowed is 5.")
    targets = _targets(backend, cluster, self._get_param("launchType"), self._get_param("capacityProviderStrategy") or [],
                       count)
    net = self._get_param("networkConfiguration")
    awsvpc = task_definition.network_mode == "awsvpc"
    if awsvpc and not net:
        raise InvalidParameterException("Network Configuration must be provided when networkMode 'awsvpc' is specified.")
    if net and not awsvpc:
        raise InvalidParameterException("Network Configuration is not valid for the given networkMode of this task definition.")
    if not awsvpc and any(lt == "FARGATE" for lt, _, _ in targets):
        raise InvalidParameterException("Task definition does not support launch_type FARGATE.")
    conf = (net or {}).get("awsvpcConfiguration") or {}
    if conf.get("assignPublicIp") == "ENABLED" and any(lt == "EC2" for lt, _, _ in targets):
        raise InvalidParameterException("Assign public IP is not supported for this launch type.")
    if any(p is None and lt in ("EC2", "EXTERNAL") for lt, p, _ in targets) and not any(
            ci.status == "ACTIVE" for ci in backend.container_instances.get(cluster.name, {}).values()):
        raise InvalidParameterException("No Container Instances were found in your cluster.")
    ec2 = ec2_backends[backend.account_id][backend.region_name]
    subnets = conf.get("subnets") or []
    if awsvpc and not subnets:
        raise InvalidParameterException("subnets can not be empty.")
    if awsvpc and not conf.get("securityGroups"):
        # No security group: AWS uses the VPC's default group (moto crashed on the missing key).
        vpc_id = ec2.get_subnet(subnets[0]).vpc_id
        conf["securityGroups"] = [ec2.get_security_group_from_name("default", vpc_id).id]
    subnet_az = {s: ec2.get_subnet(s).availability_zone for s in subnets}
    common = dict(
        backend=backend,
        group=self._get_param("group") or f"family:{task_definition.family}",
        overrides=self._get_param("overrides") or {},
        started_by=self._get_param("startedBy") or "",
        tags=_tags(self._get_param("propagateTags"), task_definition, self._get_param("tags") or []),
        platform_version=self._get_param("platformVersion"),
    )
    requirements = backend._calculate_task_resource_requirements(task_definition)
    size = ecs_resources.task_size(task_definition)
    backend.tasks.setdefault(cluster.name, {})
    tasks, failures, fargate_i = [], [], 0

    def make(ci, subnet, launch_type, provider):
        c = None
        if awsvpc:
            c = copy.deepcopy(net)
            c["awsvpcConfiguration"]["subnets"] = [subnet]
        task = ecs_models.Task(cluster, task_definition, ci.container_instance_arn if ci else None, requirements,
                               networking_configuration=c, launch_type=launch_type, capacity_provider_name=provider,
                               **common)
        backend.tasks[cluster.name][task.task_arn] = task
        eni_details(task)
        if awsvpc and launch_type == "FARGATE" and conf.get("assignPublicIp") == "ENABLED":
            public_ip(ec2, task)
        # Task.enableExecuteCommand as RunTask's enableExecuteCommand asked (moto dropped it).
        task.enable_execute_command = bool(self._get_param("enableExecuteCommand"))
        tasks.append(task)
        return task

    for launch_type, provider, kind in targets:
        if kind == "FARGATE":
            make(None, subnets[fargate_i % len(subnets)] if subnets else None, "FARGATE", provider)
            fargate_i += 1
            continue
        ci, failure = _place(backend, cluster, _pool(backend, cluster, provider), set(subnet_az.values()) if awsvpc else None,
                             size, awsvpc)
        if ci is None:
            if kind == "MANAGED_INSTANCES" or (kind == "EC2_AUTOSCALING" and ecs_capacity.managed_scaling(backend, provider)):
                _waiting(make(None, subnets[0] if subnets else None, launch_type, provider))
            else:
                failures.append(failure)
            continue
        az = ci.attributes.get("ecs.availability-zone")
        task = make(ci, next((s for s, a in subnet_az.items() if a == az), None), launch_type, provider)
        attach_task_eni(backend, ci, task)
        ecs_resources.hold(ci, task, size)
    for t in tasks:
        if not getattr(t, "_awsvpc_waiting", False):
            launched(backend, t)
    if token:
        tokens[token] = (request, [t.task_arn for t in tasks])
    return ActionResult({"tasks": tasks, "failures": failures})


ecs_responses.EC2ContainerServiceResponse.run_task = _run_task


def public_ip(ec2, task):
    """A Fargate task launched with assignPublicIp ENABLED: its ENI gets a public IPv4 address, as
    DescribeNetworkInterfaces shows it (Association.PublicIp; ECS Developer Guide, "Fargate task
    networking": "assignPublicIp ... the task's elastic network interface receives a public IP
    address"). moto gave it none."""
    for att in task.attachments:
        for d in att.get("details", []):
            eni = ec2.enis.get(d["value"]) if d["name"] == "networkInterfaceId" else None
            if eni is not None and not eni.public_ip:
                eni.public_ip = random_public_ip()
