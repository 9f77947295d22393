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
