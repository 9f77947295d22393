"""ECS tasks, as the ECS API Reference describes them where moto differs: DescribeTasks,
ListTasks, StopTask, StartTask and access denials in ECS's JSON
protocol. RunTask is in ecs_run_task.py."""

import datetime

from moto.core.exceptions import AccessDeniedError, JsonRESTError
from moto.core.responses import ActionResult
from moto.ec2.models import ec2_backends
from moto.ecs import models as ecs_models
from moto.ecs import responses as ecs_responses
from moto.ecs.exceptions import InvalidParameterException
from moto.ecs.models import ecs_backends

from . import ecs_lifecycle, ecs_resources
from .paging import page

# --- ECS DescribeTasks: only the given cluster, exact ids or ARNs, unknown ones in failures[]
# with reason MISSING, at most 100 a call, and no drifting of tasks toward STOPPED. --------------
# --- ECS ListClusters: pages of at most 100 with nextToken (moto: every cluster at once). -------
def _list_clusters(self):
    return ActionResult(page(self, self.ecs_backend.list_clusters(), "clusterArns", 100))


ecs_responses.EC2ContainerServiceResponse.list_clusters = _list_clusters


# --- ECS ListServices: pages of at most 100 with nextToken (API Reference, ListServices
# maxResults 1-100; moto: every service at once). -----------------------------------------------
def _list_services(self):
    arns = self.ecs_backend.list_services(
        self._get_param("cluster", "default"),
        self._get_param("schedulingStrategy"),
        launch_type=self._get_param("launchType"),
    )
    return ActionResult(page(self, arns, "serviceArns", 100, default=10))


ecs_responses.EC2ContainerServiceResponse.list_services = _list_services


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
    desired = self._get_param("desiredStatus") or "RUNNING"
    family = self._get_param("family")
    started_by = self._get_param("startedBy")
    service = self._get_param("serviceName")
    launch_type = self._get_param("launchType")
    instance = self._get_param("containerInstance")
    if started_by and (family or service or instance or launch_type):
        raise InvalidParameterException("startedBy must be the only filter when specified.")
    # A service the cluster does not have: ServiceNotFoundException (API Reference, ListTasks,
    # Errors; serviceName).
    name = (service or "").rsplit("/", 1)[-1]
    known = backend.services.get(f"{cluster.name}:{name}")
    if service and (known is None or getattr(known, "status", "ACTIVE") == "INACTIVE"):
        err = JsonRESTError("ServiceNotFoundException", "Service not found.")
        err.code = 400
        raise err
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
    return ActionResult(page(self, out, "taskArns", 100))


ecs_responses.EC2ContainerServiceResponse.list_tasks = _list_tasks


# --- ECS StopTask (its lifecycle by time is in ecs_lifecycle.py): once stopped, stopCode
# UserInitiated, stoppedAt set, the ENI attachment released (DELETED) and the task's ENI deleted
# from EC2, its resources given back to its instance, as AWS does once a task has stopped; an
# unknown task is refused (moto: HTTP 500, ids matched by suffix). -----------------------------
def _find_task(backend, cluster_str, task_str):
    cluster = backend._get_cluster(cluster_str)
    task_id = task_str.split("/")[-1]
    task = next((t for t in backend.tasks.get(cluster.name, {}).values() if t.id == task_id), None)
    if task is None:
        raise InvalidParameterException("The referenced task was not found.")
    return task


def finish_stop(task, stop_code, reason):
    """A task as AWS leaves it once stopped: codes, times, attachments released, ENIs gone."""
    now = datetime.datetime.now(datetime.timezone.utc)
    task.last_status = "STOPPED"
    task.desired_status = "STOPPED"
    task.stop_code = stop_code
    task.stopped_reason = reason
    task.stopping_at = getattr(task, "stopping_at", None) or now
    task.stopped_at = now
    ecs_resources.release(task)
    ec2 = ec2_backends[task._account_id][task.region_name]
    for att in task.attachments:
        if att.get("type") == "ElasticNetworkInterface":
            att["status"] = "DELETED"
            for d in att.get("details", []):
                if d["name"] == "networkInterfaceId" and d["value"] in ec2.enis:
                    eni = ec2.enis[d["value"]]
                    if eni.instance is not None:
                        eni.instance.detach_eni(eni)
                    ec2.delete_network_interface(d["value"])


# --- ECS StartTask: takes a networkConfiguration (awsvpc tasks on chosen instances); each task
# takes its size from its instance's remainingResources (see ecs_resources.py). ------------------
def attach_task_eni(backend, ci, task):
    """An EC2 task's ENI is attached to its container instance (ECS Developer Guide, "Amazon ECS
    task networking options for the EC2 launch type": each awsvpc task's ENI is attached to the
    instance, and counts toward its ENI limit). With a trunk ENI, tasks get branch interfaces of the
    trunk instead, which are no attachment of the instance. moto attached nothing."""
    if "ecs.awsvpc-trunk-id" in ci.attributes:
        return
    ec2 = ec2_backends[backend.account_id][backend.region_name]
    instance = ec2.get_instance(ci.ec2_instance_id)
    for att in task.attachments:
        if att.get("type") != "ElasticNetworkInterface":
            continue
        for d in att.get("details", []):
            eni = ec2.enis.get(d["value"]) if d["name"] == "networkInterfaceId" else None
            if eni is not None:
                index = next(i for i in range(1, 1000) if i not in instance.nics)
                instance.attach_eni(eni, index)


def eni_details(task):
    """A task ENI in an IPv6-only subnet has no IPv4 address nor IPv4 DNS name: its attachment
    names its IPv6 address instead (detail `ipv6Address`; the name is not in AWS's documentation,
    see shared/notes/aws-facts.md). moto listed the missing values as nulls."""
    ec2 = ec2_backends[task._account_id][task.region_name]
    for att in task.attachments:
        if att.get("type") != "ElasticNetworkInterface":
            continue
        att["details"] = [d for d in att.get("details", []) if d.get("value") is not None]
        eni = ec2.enis.get(next((d["value"] for d in att["details"] if d["name"] == "networkInterfaceId"), ""))
        if eni is not None and not eni.private_ip_address and eni.ipv6_addresses:
            att["details"].append({"name": "ipv6Address", "value": eni.ipv6_addresses[0]})


def _start_task(self):
    backend = self.ecs_backend
    cluster = backend._get_cluster(self._get_param("cluster", "default"))
    task_definition = backend.describe_task_definition(self._get_param("taskDefinition"))
    instances = self._get_param("containerInstances") or []
    if not instances:
        raise InvalidParameterException("Container Instances cannot be empty.")
    group = self._get_param("group") or f"family:{task_definition.family}"
    requirements = backend._calculate_task_resource_requirements(task_definition)
    size = ecs_resources.task_size(task_definition)
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
        eni_details(task)
        attach_task_eni(backend, ci, task)
        ecs_resources.hold(ci, task, size)
        ecs_lifecycle.launched(backend, task)
    return ActionResult({"tasks": tasks, "failures": []})


ecs_responses.EC2ContainerServiceResponse.start_task = _start_task


# --- IAM enforcement: ECS speaks JSON, so a denial is a JSON AccessDeniedException naming the
# action (moto answered ECS with an XML 403 the SDK cannot read). --------------------------------
_orig_ecs_auth = ecs_responses.EC2ContainerServiceResponse._authenticate_and_authorize_normal_action


def _ecs_auth(self, resource="*"):
    try:
        _orig_ecs_auth(self, resource)
    except AccessDeniedError as e:
        err = JsonRESTError("AccessDeniedException", e.message)
        err.code = 400
        raise err


ecs_responses.EC2ContainerServiceResponse._authenticate_and_authorize_normal_action = _ecs_auth
