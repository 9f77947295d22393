"""ECS container instances (API Reference, RegisterContainerInstance, ListContainerInstances,
DescribeContainerInstances)."""

import json

from moto.core.responses import ActionResult
from moto.ecs import responses as ecs_responses
from moto.ecs.exceptions import InvalidParameterException

from . import ecs_resources
from .paging import page

# --- ECS RegisterContainerInstance: versionInfo and attributes are kept, as the agent sends
# them (moto: every agent is "1.0.0" and only a few attributes are derived); the registered
# resources are the instance type's, as the agent measures them, or the `totalResources` the
# caller sends (see ecs_resources.py; moto: 4096 CPU units and 7482 MiB whatever the type). -----
def _register_container_instance(self):
    cluster_str = self._get_param("cluster", "default")
    doc = json.loads(self._get_param("instanceIdentityDocument"))
    ci = self.ecs_backend.register_container_instance(cluster_str, doc["instanceId"])
    version = self._get_param("versionInfo")
    if version:
        ci.version_info = {**ci.version_info, **version}
    for attr in self._get_param("attributes", []) or []:
        ci.attributes[attr["name"]] = attr.get("value")
    total = {r.get("name"): r.get("integerValue") for r in self._get_param("totalResources", []) or []}
    ecs_resources.register(ci, cpu=total.get("CPU"), memory=total.get("MEMORY"))
    return ActionResult({"containerInstance": ci})


ecs_responses.EC2ContainerServiceResponse.register_container_instance = _register_container_instance


# --- ECS ListContainerInstances: pages of at most 100 with nextToken. ---------------------------
def _query(expression):
    """The EC2 instance ids a cluster query language filter names: `ec2InstanceId == i-1` or
    `ec2InstanceId in [i-1, i-2]` (ECS Developer Guide, "Cluster query language"; API Reference,
    ListContainerInstances, filter). Other expressions are refused, not ignored."""
    import re
    m = re.fullmatch(r"\s*ec2InstanceId\s*==\s*([\w-]+)\s*", expression)
    if m:
        return {m.group(1)}
    m = re.fullmatch(r"\s*ec2InstanceId\s+in\s*\[([^\]]*)\]\s*", expression)
    if m:
        return {x.strip() for x in m.group(1).split(",") if x.strip()}
    raise InvalidParameterException(f"The emulator does not evaluate this cluster query: {expression}")


def _list_container_instances(self):
    cluster_str = self._get_param("cluster", "default")
    self.ecs_backend._get_cluster(cluster_str)
    arns = self.ecs_backend.list_container_instances(cluster_str, status=self._get_param("status"))
    expression = self._get_param("filter")
    if expression:
        wanted = _query(expression)
        cis = self.ecs_backend.container_instances.get(cluster_str.split("/")[-1], {}).values()
        keep = {ci.container_instance_arn for ci in cis if ci.ec2_instance_id in wanted}
        arns = [a for a in arns if a in keep]
    return ActionResult(page(self, arns, "containerInstanceArns", 100))


ecs_responses.EC2ContainerServiceResponse.list_container_instances = _list_container_instances

_orig_describe_cis = ecs_responses.EC2ContainerServiceResponse.describe_container_instances


def _describe_container_instances(self):
    if len(self._get_param("containerInstances") or []) > 100:
        raise InvalidParameterException("Too many container instances were provided. The maximum is 100.")
    return _orig_describe_cis(self)


ecs_responses.EC2ContainerServiceResponse.describe_container_instances = _describe_container_instances
