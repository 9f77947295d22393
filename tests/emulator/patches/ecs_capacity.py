"""ECS capacity providers (API Reference, CreateCapacityProvider, DescribeCapacityProviders,
CapacityProvider; ECS Developer Guide, "Amazon ECS capacity providers"): the `type` of each
provider, ECS Managed Instances providers, and AWS's own FARGATE and FARGATE_SPOT providers.
RunTask's use of them is in ecs_run_task.py."""

from moto.core.responses import ActionResult
from moto.ecs import models as ecs_models
from moto.ecs import responses as ecs_responses
from moto.ecs.exceptions import InvalidParameterException

from .paging import page

# AWS's own providers, "available to all accounts in the AWS Regions that AWS Fargate supports"
# (API Reference, CreateCapacityProvider); DescribeCapacityProviders lists them (type FARGATE).
AWS_PROVIDERS = ("FARGATE", "FARGATE_SPOT")


class _AwsProvider:
    def __init__(self, backend, name):
        self.capacity_provider_arn = f"arn:aws:ecs:{backend.region_name}:{backend.account_id}:capacity-provider/{name}"
        self.name = name
        self.status = "ACTIVE"
        self.type = "FARGATE"
        self.tags = []


def kind(backend, name):
    """The type of the provider `name`: FARGATE, EC2_AUTOSCALING, MANAGED_INSTANCES, or None when
    the account has no such provider."""
    if name in AWS_PROVIDERS:
        return "FARGATE"
    provider = backend._get_provider(name)
    return getattr(provider, "type", None) if provider else None


def managed_scaling(backend, name):
    """An Auto Scaling group provider's managedScaling.status is ENABLED."""
    provider = backend._get_provider(name)
    asg = getattr(provider, "auto_scaling_group_provider", None) or {}
    return (asg.get("managedScaling") or {}).get("status") == "ENABLED"


# --- CreateCapacityProvider: exactly one of autoScalingGroupProvider (type EC2_AUTOSCALING) and
# managedInstancesProvider (type MANAGED_INSTANCES, which needs `cluster`: "When you create a
# capacity provider with Amazon ECS Managed Instances, it becomes available only within the
# specified cluster"); the names AWS reserves are refused ("can't be prefixed with aws, ecs, or
# fargate"), and so is a name in use. moto had no `type`, no Managed Instances (HTTP 500) and no
# name check. AWS does not document these refusals' error codes: InvalidParameterException. -----
def _create_capacity_provider(self):
    backend = self.ecs_backend
    name = self._get_param("name") or ""
    asg = self._get_param("autoScalingGroupProvider")
    managed = self._get_param("managedInstancesProvider")
    tags = self._get_param("tags")
    if name.lower().startswith(("aws", "ecs", "fargate")):
        raise InvalidParameterException("The capacity provider name can't be prefixed with \"aws\", \"ecs\", or \"fargate\".")
    if backend._get_provider(name):
        raise InvalidParameterException(f"The specified capacity provider {name} already exists.")
    if bool(asg) == bool(managed):
        raise InvalidParameterException(
            "Exactly one of autoScalingGroupProvider or managedInstancesProvider must be specified.")
    if asg:
        provider = backend.create_capacity_provider(name, asg, tags)
        provider.type = "EC2_AUTOSCALING"
    else:
        cluster = self._get_param("cluster")
        if not cluster:
            raise InvalidParameterException("The cluster must be specified for a Managed Instances capacity provider.")
        backend._get_cluster(cluster)
        template = managed.get("instanceLaunchTemplate") or {}
        if not managed.get("infrastructureRoleArn") or not template.get("ec2InstanceProfileArn"):
            raise InvalidParameterException(
                "infrastructureRoleArn and instanceLaunchTemplate.ec2InstanceProfileArn are required.")
        provider = backend.create_capacity_provider(name, {}, tags)
        provider.auto_scaling_group_provider = None
        provider.managed_instances_provider = {"propagateTags": "NONE", **managed}
        provider.cluster = cluster.rsplit("/", 1)[-1]
        provider.type = "MANAGED_INSTANCES"
    return ActionResult({"capacityProvider": provider})


ecs_responses.EC2ContainerServiceResponse.create_capacity_provider = _create_capacity_provider


# --- DescribeCapacityProviders: without names, every provider of the account and AWS's FARGATE
# and FARGATE_SPOT; by name, those too; unknown names in failures[] (MISSING); pages of up to 10
# ("If this parameter is not used, then DescribeCapacityProviders returns up to 10 results and a
# nextToken value if applicable"). moto failed (500) without names and knew no FARGATE. --------
def _describe_capacity_providers(self):
    backend = self.ecs_backend
    names = self._get_param("capacityProviders")
    own = list(backend.capacity_providers.values())
    if not names:
        found, failures = [_AwsProvider(backend, n) for n in AWS_PROVIDERS] + own, []
    else:
        found, failures = [], []
        for n in names:
            if n.rsplit("/", 1)[-1] in AWS_PROVIDERS:
                found.append(_AwsProvider(backend, n.rsplit("/", 1)[-1]))
            elif backend._get_provider(n):
                found.append(backend._get_provider(n))
            else:
                failures.append(ecs_models.CapacityProviderFailure("MISSING", n, backend.account_id, backend.region_name))
    result = page(self, found, "capacityProviders", 10)
    result["failures"] = failures
    return ActionResult(result)


ecs_responses.EC2ContainerServiceResponse.describe_capacity_providers = _describe_capacity_providers


# --- PutClusterCapacityProviders: every provider must exist, and a default strategy may name
# only providers given ("The specified capacity provider strategy cannot contain a capacity
# provider that is not associated with the cluster"); moto accepted anything. --------------------
_orig_put_cluster_cps = ecs_responses.EC2ContainerServiceResponse.put_cluster_capacity_providers


def _put_cluster_capacity_providers(self):
    backend = self.ecs_backend
    providers = self._get_param("capacityProviders") or []
    for n in providers:
        if kind(backend, n) is None:
            raise InvalidParameterException(f"The specified capacity provider {n} does not exist.")
    for item in self._get_param("defaultCapacityProviderStrategy") or []:
        if item["capacityProvider"] not in providers:
            raise InvalidParameterException(
                "The specified capacity provider strategy cannot contain a capacity provider that is not associated "
                "with the cluster. Associate the capacity provider with the cluster or specify a valid capacity "
                "provider and try again.")
    return _orig_put_cluster_cps(self)


ecs_responses.EC2ContainerServiceResponse.put_cluster_capacity_providers = _put_cluster_capacity_providers


# --- CreateCluster: a cluster without capacity providers shows empty capacityProviders and
# defaultCapacityProviderStrategy lists (API Reference, Cluster), which moto left out. -----------
_orig_create_cluster = ecs_models.EC2ContainerServiceBackend.create_cluster


def _create_cluster(self, *args, **kwargs):
    cluster = _orig_create_cluster(self, *args, **kwargs)
    cluster.capacity_providers = cluster.capacity_providers or []
    cluster.default_capacity_provider_strategy = cluster.default_capacity_provider_strategy or []
    return cluster


ecs_models.EC2ContainerServiceBackend.create_cluster = _create_cluster
