"""Patches that make moto 5.2.5 answer as AWS does where it does not (see
../shared/notes/emulator-moto.md). Each patch names the AWS behaviour it restores. The product is
never shaped around moto: when moto and AWS differ, moto is changed here.
"""

import datetime

from moto.core.responses import ActionResult
from moto.ec2.models import elastic_network_interfaces as eni_models
from moto.ec2.utils import generate_dns_from_ip
from moto.ecs import models as ecs_models
from moto.ecs import responses as ecs_responses
from moto.ecs.exceptions import InvalidParameterException
from moto.iam import models as iam_models

# --- Accounts: a 12-digit access key id is the account (test isolation on one emulator). -------
_orig_account_from = iam_models.get_account_id_from


def _account_from(access_key):
    if isinstance(access_key, str) and len(access_key) == 12 and access_key.isdigit():
        return access_key
    return _orig_account_from(access_key)


iam_models.get_account_id_from = _account_from

# --- IAM: the ECS service-linked role is AWSServiceRoleForECS (moto: AWSServiceRoleForecs). -----
iam_models.SERVICE_NAME_CONVERSION["ecs"] = "ECS"

# --- EC2: every ENI has a private DNS name. moto sets it only when the VPC has DNS hostnames on,
# and RunTask then crashes reading it (HTTP 500, orphan ENI). ------------------------------------
_orig_eni_init = eni_models.NetworkInterface.__init__


def _eni_init(self, *args, **kwargs):
    _orig_eni_init(self, *args, **kwargs)
    if not getattr(self, "private_dns_name", None):
        self.private_dns_name = generate_dns_from_ip(self.private_ip_address)


eni_models.NetworkInterface.__init__ = _eni_init

# --- ECS: long ARN formats are the default for tasks, services and container instances. -------
_orig_long_arn = ecs_models.EC2ContainerServiceBackend.enable_long_arn_for_name


def _long_arn(self, name):
    setting = self.account_settings.get(name)
    return True if setting is None else setting.value == "enabled"


ecs_models.EC2ContainerServiceBackend.enable_long_arn_for_name = _long_arn


# --- ECS DescribeTasks: only the given cluster, exact ids or ARNs, unknown ones in failures[]
# with reason MISSING, at most 100 a call, and no drifting of tasks toward STOPPED. --------------
def _describe_tasks(self):
    backend = self.ecs_backend
    cluster = backend._get_cluster(self._get_param("cluster", "default"))
    refs = self._get_param("tasks", [])
    if not refs:
        raise InvalidParameterException("Tasks cannot be empty.")
    if len(refs) > 100:
        raise InvalidParameterException("Too many tasks were provided. The maximum is 100.")
    by_id = {t.id: t for t in backend.tasks.get(cluster.name, {}).values()}
    found, failures = [], []
    for ref in refs:
        tid = ref.rsplit("/", 1)[-1]
        task = by_id.get(tid)
        if task is not None and (ref == tid or ref == task.task_arn or ref.endswith(f"task/{tid}")):
            found.append(task)
        else:
            arn = ref if ref.startswith("arn:") else f"arn:aws:ecs:{backend.region_name}:{backend.account_id}:task/{cluster.name}/{tid}"
            failures.append({"arn": arn, "reason": "MISSING"})
    if "TAGS" in self._get_param("include", []):
        self._include_in_response(ecs_responses.DESCRIBE_TASKS_TAGS)
    else:
        self._exclude_from_response(ecs_responses.DESCRIBE_TASKS_TAGS)
    return ActionResult({"tasks": found, "failures": failures})


ecs_responses.EC2ContainerServiceResponse.describe_tasks = _describe_tasks


# --- ECS ListTasks: pages of at most 100 with nextToken, desiredStatus RUNNING by default, and
# the serviceName, launchType and containerInstance filters honoured. ----------------------------
def _list_tasks(self):
    backend = self.ecs_backend
    cluster = backend._get_cluster(self._get_param("cluster", "default"))
    max_results = self._get_int_param("maxResults", 100)
    if max_results < 1 or max_results > 100:
        raise InvalidParameterException("maxResults must be between 1 and 100.")
    desired = self._get_param("desiredStatus") or "RUNNING"
    family = self._get_param("family")
    started_by = self._get_param("startedBy")
    service = self._get_param("serviceName")
    launch_type = self._get_param("launchType")
    instance = self._get_param("containerInstance")
    if started_by and (family or service or instance or launch_type):
        raise InvalidParameterException("startedBy must be the only filter when specified.")
    out = []
    for task in backend.tasks.get(cluster.name, {}).values():
        if task.desired_status != desired:
            continue
        if family and task.task_definition_arn.rsplit("/", 1)[-1].split(":")[0] != family:
            continue
        if started_by and task.started_by != started_by:
            continue
        if service and task.group != f"service:{service}":
            continue
        if launch_type and (task.launch_type or ("FARGATE" if task.capacity_provider_name in ("FARGATE", "FARGATE_SPOT") else "EC2")) != launch_type:
            continue
        if instance and not (task.container_instance_arn or "").endswith(instance.rsplit("/", 1)[-1]):
            continue
        out.append(task.task_arn)
    token = self._get_param("nextToken")
    start = int(token) if token else 0
    page = out[start:start + max_results]
    result = {"taskArns": page}
    if start + max_results < len(out):
        result["nextToken"] = str(start + max_results)
    return ActionResult(result)


ecs_responses.EC2ContainerServiceResponse.list_tasks = _list_tasks

# --- ECS StopTask: stopCode UserInitiated, stoppedAt set, the ENI attachment released (DELETED)
# and the task's ENI deleted from EC2, as AWS does once a task has stopped. ----------------------
_orig_stop_task = ecs_models.EC2ContainerServiceBackend.stop_task


def _stop_task(self, cluster_str, task_str, reason):
    task = _orig_stop_task(self, cluster_str, task_str, reason)
    finish_stop(task, "UserInitiated", reason or "Task stopped by user")
    return task


def finish_stop(task, stop_code, reason):
    """A task as AWS leaves it once stopped: codes, times, attachments released, ENIs gone."""
    from moto.ec2.models import ec2_backends

    now = datetime.datetime.now(datetime.timezone.utc)
    task.last_status = "STOPPED"
    task.desired_status = "STOPPED"
    task.stop_code = stop_code
    task.stopped_reason = reason
    task.stopping_at = getattr(task, "stopping_at", None) or now
    task.stopped_at = now
    ec2 = ec2_backends[task._account_id][task.region_name]
    for att in task.attachments:
        if att.get("type") == "ElasticNetworkInterface":
            att["status"] = "DELETED"
            for d in att.get("details", []):
                if d["name"] == "networkInterfaceId" and d["value"] in ec2.enis:
                    ec2.delete_network_interface(d["value"])


ecs_models.EC2ContainerServiceBackend.stop_task = _stop_task

# --- EC2/ECS: a task ENI's private IP is a free address of its subnet (moto: random, anywhere).
import ipaddress  # noqa: E402

_orig_create_eni = eni_models.NetworkInterfaceBackend.create_network_interface


def _create_eni(self, subnet, private_ip_address, *args, **kwargs):
    if kwargs.get("description") == "moto ECS":
        s = self.get_subnet(subnet) if isinstance(subnet, str) else subnet
        used = {e.private_ip_address for e in self.enis.values() if e.subnet is not None and e.subnet.id == s.id}
        hosts = ipaddress.ip_network(s.cidr_block).hosts()
        # AWS reserves the first four addresses and the last one of every subnet.
        for _ in range(3):
            next(hosts, None)
        private_ip_address = next((str(ip) for ip in hosts if str(ip) not in used), private_ip_address)
    return _orig_create_eni(self, subnet, private_ip_address, *args, **kwargs)


eni_models.NetworkInterfaceBackend.create_network_interface = _create_eni


# --- ECS RegisterContainerInstance: versionInfo and attributes are kept, as the agent sends
# them (moto: every agent is "1.0.0" and only a few attributes are derived). --------------------
def _register_container_instance(self):
    import json as _json

    cluster_str = self._get_param("cluster", "default")
    doc = _json.loads(self._get_param("instanceIdentityDocument"))
    ci = self.ecs_backend.register_container_instance(cluster_str, doc["instanceId"])
    version = self._get_param("versionInfo")
    if version:
        ci.version_info = {**ci.version_info, **version}
    for attr in self._get_param("attributes", []) or []:
        ci.attributes[attr["name"]] = attr.get("value")
    return ActionResult({"containerInstance": ci})


ecs_responses.EC2ContainerServiceResponse.register_container_instance = _register_container_instance


# --- ECS ListContainerInstances: pages of at most 100 with nextToken. ---------------------------
def _list_container_instances(self):
    cluster_str = self._get_param("cluster", "default")
    self.ecs_backend._get_cluster(cluster_str)
    arns = self.ecs_backend.list_container_instances(cluster_str, status=self._get_param("status"))
    max_results = self._get_int_param("maxResults", 100)
    if max_results < 1 or max_results > 100:
        raise InvalidParameterException("maxResults must be between 1 and 100.")
    start = int(self._get_param("nextToken") or 0)
    result = {"containerInstanceArns": arns[start:start + max_results]}
    if start + max_results < len(arns):
        result["nextToken"] = str(start + max_results)
    return ActionResult(result)


ecs_responses.EC2ContainerServiceResponse.list_container_instances = _list_container_instances

_orig_describe_cis = ecs_responses.EC2ContainerServiceResponse.describe_container_instances


def _describe_container_instances(self):
    if len(self._get_param("containerInstances") or []) > 100:
        raise InvalidParameterException("Too many container instances were provided. The maximum is 100.")
    return _orig_describe_cis(self)


ecs_responses.EC2ContainerServiceResponse.describe_container_instances = _describe_container_instances


# --- ECS StartTask: takes a networkConfiguration (awsvpc tasks on chosen instances). ------------
def _start_task(self):
    backend = self.ecs_backend
    cluster = backend._get_cluster(self._get_param("cluster", "default"))
    task_definition = backend.describe_task_definition(self._get_param("taskDefinition"))
    instances = self._get_param("containerInstances") or []
    if not instances:
        raise InvalidParameterException("Container Instances cannot be empty.")
    group = self._get_param("group") or f"family:{task_definition.family}"
    requirements = backend._calculate_task_resource_requirements(task_definition)
    backend.tasks.setdefault(cluster.name, {})
    tasks = []
    for ref in instances:
        ci = backend.container_instances[cluster.name][ref.split("/")[-1]]
        task = ecs_models.Task(
            cluster, task_definition, ci.container_instance_arn, requirements, backend=backend, group=group,
            overrides=self._get_param("overrides") or {}, started_by=self._get_param("startedBy") or "",
            tags=self._get_param("tags"), launch_type="EC2",
            networking_configuration=self._get_param("networkConfiguration"),
        )
        tasks.append(task)
        backend.tasks[cluster.name][task.task_arn] = task
    return ActionResult({"tasks": tasks, "failures": []})


ecs_responses.EC2ContainerServiceResponse.start_task = _start_task

# --- ECS account settings: per principal (PutAccountSetting with principalArn, else the caller),
# an account default (PutAccountSettingDefault), and ListAccountSettings with effectiveSettings
# giving what is in force for a principal: its own value, else the default, else AWS's default.
AWS_SETTING_DEFAULTS = {
    "awsvpcTrunking": "disabled",
    "dualStackIPv6": "enabled",
    "containerInsights": "disabled",
    "serviceLongArnFormat": "enabled",
    "taskLongArnFormat": "enabled",
    "containerInstanceLongArnFormat": "enabled",
    "tagResourceAuthorization": "on",
}
CALLER = "__caller__"


def _store(backend):
    if not hasattr(backend, "_awsvpc_settings"):
        backend._awsvpc_settings = {}  # principal or None (account default) -> {name: value}
    return backend._awsvpc_settings


def _caller_arn(self):
    return f"arn:aws:iam::{self.current_account}:user/moto"


def _put_account_setting(self):
    name, value = self._get_param("name"), self._get_param("value")
    if name not in AWS_SETTING_DEFAULTS:
        raise InvalidParameterException(f"Invalid account setting name: {name}")
    principal = self._get_param("principalArn") or CALLER
    _store(self.ecs_backend).setdefault(principal, {})[name] = value
    shown = _caller_arn(self) if principal == CALLER else principal
    return ActionResult({"setting": {"name": name, "value": value, "principalArn": shown, "type": "user"}})


def _put_account_setting_default(self):
    name, value = self._get_param("name"), self._get_param("value")
    if name not in AWS_SETTING_DEFAULTS:
        raise InvalidParameterException(f"Invalid account setting name: {name}")
    _store(self.ecs_backend).setdefault(None, {})[name] = value
    root = f"arn:aws:iam::{self.current_account}:root"
    return ActionResult({"setting": {"name": name, "value": value, "principalArn": root, "type": "user"}})


def _list_account_settings(self):
    store = _store(self.ecs_backend)
    name = self._get_param("name")
    principal = self._get_param("principalArn") or CALLER
    effective = str(self._get_param("effectiveSettings", False)).lower() == "true"
    shown = _caller_arn(self) if principal == CALLER else principal
    names = [name] if name else list(AWS_SETTING_DEFAULTS)
    out = []
    for n in names:
        own = store.get(principal, {}).get(n)
        default = store.get(None, {}).get(n)
        if own is not None:
            out.append({"name": n, "value": own, "principalArn": shown, "type": "user"})
        elif effective:
            value = default if default is not None else AWS_SETTING_DEFAULTS.get(n, "disabled")
            out.append({"name": n, "value": value, "principalArn": f"arn:aws:iam::{self.current_account}:root",
                        "type": "user" if default is not None else "aws_managed"})
    return ActionResult({"settings": out})


ecs_responses.EC2ContainerServiceResponse.put_account_setting = _put_account_setting
ecs_responses.EC2ContainerServiceResponse.put_account_setting_default = _put_account_setting_default
ecs_responses.EC2ContainerServiceResponse.list_account_settings = _list_account_settings


def _long_arn_from_store(self, name):
    value = getattr(self, "_awsvpc_settings", {}).get(None, {}).get(name)
    return value != "disabled"


ecs_models.EC2ContainerServiceBackend.enable_long_arn_for_name = _long_arn_from_store


# --- EC2 DescribeSubnets: an IPv6 association's state reads "associated" (moto nests its whole
# state dict, which comes out as the string "{'State': 'associated'}"). --------------------------
from moto.ec2.models import subnets as subnet_models  # noqa: E402


def _ipv6_association_set(self):
    return [
        {
            "ipv6CidrBlock": a["ipv6CidrBlock"],
            "associationId": a["associationId"],
            "ipv6CidrBlockState": {"state": a["ipv6CidrBlockState"]["State"]},
        }
        for a in self.ipv6_cidr_block_associations.values()
        if a["ipv6CidrBlockState"]["State"] == "associated"
    ]


subnet_models.Subnet.ipv6_cidr_block_association_set = property(_ipv6_association_set)

# --- EC2 subnets: an owner other than the account, for subnets shared through AWS RAM (which
# moto does not have): scenarios set `_shared_owner` as a participant account would see it. -----
_orig_subnet_owner = subnet_models.Subnet.owner_id


def _subnet_owner(self):
    return getattr(self, "_shared_owner", None) or _orig_subnet_owner.fget(self)


subnet_models.Subnet.owner_id = property(_subnet_owner)


# --- ECS RunTask, as AWS does it for awsvpc ---------------------------------------------------
# * clientToken makes the call idempotent: the same token and request return the same tasks; the
#   same token with another request is a ConflictException listing the tasks tied to it.
# * EC2 placement honours ENI slots (MaximumNetworkInterfaces - 1, or the trunking table with a
#   trunk ENI), the ecs.capability.task-eni attribute and the subnets' AZs, and answers what it
#   cannot place in failures[] (RESOURCE:ENI, ATTRIBUTE) instead of silently placing fewer.
# * each task's ENI goes into a subnet of its AZ (Fargate: the subnets in turn).
# * accounts can opt into AWS's task lifecycle (see `lifecycle` below).
import copy  # noqa: E402
import json as _json  # noqa: E402
import os as _os  # noqa: E402

from moto.core.exceptions import JsonRESTError  # noqa: E402
from moto.ec2.models import ec2_backends as _ec2_backends  # noqa: E402
from moto.ec2.models.instance_types import INSTANCE_TYPES as _INSTANCE_TYPES  # noqa: E402


class _Conflict(JsonRESTError):
    code = 400

    def __init__(self, message, resource_ids):
        super().__init__("ConflictException", message)
        self.description = _json.dumps({"__type": "ConflictException", "message": message, "resourceIds": resource_ids})


def _trunk_table():
    path = _os.path.join(_os.path.dirname(__file__), "..", "..", "data", "ecs-eni-trunking-limits-2023-04-18.tsv")
    table = {}
    with open(path) as f:
        next(f)
        for line in f:
            cols = line.rstrip("\n").split("\t")
            try:
                table[cols[1]] = int(cols[3])
            except (IndexError, ValueError):
                pass
    return table


TRUNK_SLOTS = _trunk_table()


def _slots(ci):
    itype = ci.attributes.get("ecs.instance-type")
    if "ecs.awsvpc-trunk-id" in ci.attributes and TRUNK_SLOTS.get(itype, 0) > 0:
        return TRUNK_SLOTS[itype]
    info = _INSTANCE_TYPES.get(itype, {}).get("NetworkInfo", {})
    return max(int(info.get("MaximumNetworkInterfaces", 2)) - 1, 0)


def _used(backend, cluster_name, ci):
    return sum(
        1
        for t in backend.tasks.get(cluster_name, {}).values()
        if t.container_instance_arn == ci.container_instance_arn and t.last_status != "STOPPED" and t.attachments
    )


def lifecycle_of(backend):
    return getattr(backend, "_awsvpc_lifecycle", None) or {}


def _start_lifecycle(backend, task):
    steps = lifecycle_of(backend).get("steps")
    if steps and task.attachments:
        task._steps = [list(s) for s in steps]
        task._step_count = 0
        _advance(task)


def _advance(task):
    """One step of the lifecycle: (last status, ENI attachment status), then maybe a stop."""
    if not getattr(task, "_steps", None):
        return
    status, attachment = task._steps.pop(0)
    task._step_count = getattr(task, "_step_count", 0) + 1
    task.last_status = status
    for att in task.attachments:
        if att.get("type") == "ElasticNetworkInterface":
            att["status"] = attachment
    stop = getattr(task, "_stop_after", None)
    if stop and task._step_count >= stop["after"]:
        task._steps = []
        finish_stop(task, stop["stop_code"], stop["reason"])
    elif getattr(task, "_final_stop", None) and not task._steps:
        code, reason = task._final_stop
        finish_stop(task, code, reason)


def _run_task(self):
    backend = self.ecs_backend
    token = self._get_param("clientToken")
    request = {k: v for k, v in _json.loads(self.body or "{}").items() if k != "clientToken"}
    tokens = backend.__dict__.setdefault("_awsvpc_tokens", {})
    if token and token in tokens:
        seen_request, arns = tokens[token]
        if seen_request != request:
            raise _Conflict("The client token has already been used with different parameters.", arns)
        tasks = [t for ts in backend.tasks.values() for t in ts.values() if t.task_arn in arns]
        return ActionResult({"tasks": tasks, "failures": []})
    cluster = backend._get_cluster(self._get_param("cluster", "default"))
    task_definition = backend.describe_task_definition(self._get_param("taskDefinition"))
    count = self._get_int_param("count", 1)
    launch_type = self._get_param("launchType")
    strategy = self._get_param("capacityProviderStrategy") or []
    net = self._get_param("networkConfiguration")
    fargate = launch_type == "FARGATE" or (not launch_type and strategy and all(
        s["capacityProvider"].startswith("FARGATE") for s in strategy))
    if task_definition.network_mode != "awsvpc" or not net:
        # Not an awsvpc launch: moto's own RunTask.
        return _orig_run_task_response(self)
    conf = net["awsvpcConfiguration"]
    subnets = conf["subnets"]
    ec2 = _ec2_backends[backend.account_id][backend.region_name]
    if not conf.get("securityGroups"):
        # No security group: AWS uses the VPC's default group (moto crashed on the missing key).
        vpc_id = ec2.get_subnet(subnets[0]).vpc_id
        conf["securityGroups"] = [ec2.get_security_group_from_name("default", vpc_id).id]
    subnet_az = {s: ec2.get_subnet(s).availability_zone for s in subnets}
    common = dict(
        backend=backend,
        group=self._get_param("group") or f"family:{task_definition.family}",
        overrides=self._get_param("overrides") or {},
        started_by=self._get_param("startedBy") or "",
        tags=self._get_param("tags") or [],
        launch_type=launch_type or "",
        platform_version=self._get_param("platformVersion"),
        capacity_provider_name=strategy[0]["capacityProvider"] if strategy else None,
    )
    requirements = backend._calculate_task_resource_requirements(task_definition)
    backend.tasks.setdefault(cluster.name, {})
    tasks, failures = [], []
    if fargate:
        for i in range(count):
            c = copy.deepcopy(net)
            c["awsvpcConfiguration"]["subnets"] = [subnets[i % len(subnets)]]
            task = ecs_models.Task(cluster, task_definition, None, requirements, networking_configuration=c, **common)
            backend.tasks[cluster.name][task.task_arn] = task
            tasks.append(task)
    else:
        candidates = [
            ci for ci in backend.container_instances.get(cluster.name, {}).values()
            if ci.status == "ACTIVE" and ci.agent_connected
            and ci.attributes.get("ecs.availability-zone") in subnet_az.values()
        ]
        eni_capable = [ci for ci in candidates if "ecs.capability.task-eni" in ci.attributes]
        for _ in range(count):
            if not eni_capable:
                failures.append({"arn": cluster.arn, "reason": "ATTRIBUTE" if candidates else "LOCATION"})
                continue
            free = [ci for ci in eni_capable if _used(backend, cluster.name, ci) < _slots(ci)]
            if not free:
                failures.append({"arn": eni_capable[0].container_instance_arn, "reason": "RESOURCE:ENI"})
                continue
            ci = min(free, key=lambda x: _used(backend, cluster.name, x))
            az = ci.attributes.get("ecs.availability-zone")
            c = copy.deepcopy(net)
            c["awsvpcConfiguration"]["subnets"] = [next(s for s, a in subnet_az.items() if a == az)]
            task = ecs_models.Task(cluster, task_definition, ci.container_instance_arn, requirements,
                                   networking_configuration=c, **common)
            backend.tasks[cluster.name][task.task_arn] = task
            tasks.append(task)
    for t in tasks:
        _start_lifecycle(backend, t)
        stop = lifecycle_of(backend).get("stop")
        if stop:
            t._stop_after = stop
    if token:
        tokens[token] = (request, [t.task_arn for t in tasks])
    return ActionResult({"tasks": tasks, "failures": failures})


_orig_run_task_response = ecs_responses.EC2ContainerServiceResponse.run_task
ecs_responses.EC2ContainerServiceResponse.run_task = _run_task

# DescribeTasks advances opted-in lifecycles one step per call.
_describe_tasks_exact = ecs_responses.EC2ContainerServiceResponse.describe_tasks


def _describe_tasks_lifecycle(self):
    result = _describe_tasks_exact(self)
    for task in result.result["tasks"] if hasattr(result, "result") else []:
        _advance(task)
    return result


# StopTask: with a `stop_steps` lifecycle, the task stops gradually (DEACTIVATING ... STOPPED,
# the ENI attachment DETACHING ... DELETED) as in AWS; otherwise at once.
def _stop_task_lifecycle(self, cluster_str, task_str, reason):
    steps = lifecycle_of(self).get("stop_steps")
    if not steps:
        return _stop_task(self, cluster_str, task_str, reason)
    cluster = self._get_cluster(cluster_str)
    task_id = task_str.split("/")[-1]
    task = next((t for t in self.tasks.get(cluster.name, {}).values() if t.id == task_id), None)
    if task is None:
        raise InvalidParameterException("The referenced task was not found.")
    task.desired_status = "STOPPED"
    task.stopped_reason = reason or "Task stopped by user"
    task._steps = [list(s) for s in steps]
    task._final_stop = ("UserInitiated", task.stopped_reason)
    _advance(task)
    return task


ecs_models.EC2ContainerServiceBackend.stop_task = _stop_task_lifecycle


ecs_responses.EC2ContainerServiceResponse.describe_tasks = _describe_tasks_lifecycle


def set_lifecycle(account, region, config):
    """Opts an account into AWS's task lifecycle: `steps` for new awsvpc tasks (each a pair of
    last status and ENI attachment status, one per DescribeTasks), `stop` to make them stop after
    some steps (stop code and reason), `stop_steps` for StopTask."""
    from moto.ecs.models import ecs_backends

    ecs_backends[account][region]._awsvpc_lifecycle = config


# --- IAM enforcement: ECS speaks JSON, so a denial is a JSON AccessDeniedException naming the
# action (moto answered ECS with an XML 403 the SDK cannot read). --------------------------------
from moto.core.exceptions import AccessDeniedError  # noqa: E402

_orig_ecs_auth = ecs_responses.EC2ContainerServiceResponse._authenticate_and_authorize_normal_action


def _ecs_auth(self, resource="*"):
    try:
        _orig_ecs_auth(self, resource)
    except AccessDeniedError as e:
        err = JsonRESTError("AccessDeniedException", e.message)
        err.code = 400
        raise err


ecs_responses.EC2ContainerServiceResponse._authenticate_and_authorize_normal_action = _ecs_auth


# --- EC2 DescribeNetworkInterfaces speed: exact-value filters on the ENI id or the attached
# instance are looked up, not matched one by one against every ENI with wildcard semantics (which
# made the emulator itself, not the client, the cost of large benchmarks). Same results. ----------
from moto.ec2.utils import generic_filter as _generic_filter  # noqa: E402

_orig_get_all_enis = eni_models.NetworkInterfaceBackend.get_all_network_interfaces


def _exact(values):
    return not any(ch in v for v in values for ch in "*?")


def _get_all_enis(self, eni_ids=None, filters=None):
    filters = dict(filters or {})
    ids = filters.pop("network-interface-id", None)
    instances = filters.pop("attachment.instance-id", None)
    if eni_ids or (ids is not None and not _exact(ids)) or (instances is not None and not _exact(instances)):
        if ids is not None:
            filters["network-interface-id"] = ids
        if instances is not None:
            filters["attachment.instance-id"] = instances
        return _orig_get_all_enis(self, eni_ids, filters)
    if ids is not None:
        enis = [self.enis[i] for i in dict.fromkeys(ids) if i in self.enis]
    else:
        enis = list(self.enis.values())
    if instances is not None:
        wanted = set(instances)
        enis = [e for e in enis if e.instance is not None and e.instance.id in wanted]
    return _generic_filter(filters, enis)


eni_models.NetworkInterfaceBackend.get_all_network_interfaces = _get_all_enis
