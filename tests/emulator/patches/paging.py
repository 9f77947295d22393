"""Pages as AWS serves them, and, for one account at a time, the smallest pages AWS allows.

Every ECS listing pages with `maxResults` and `nextToken` (API Reference, ListTasks,
ListContainerInstances, ListClusters: 1 to 100; ListAccountSettings: 1 to 10). A client that does
not follow `nextToken` to the end reads a part only; a test switches an account to pages of one
item to show that every command follows them.
"""

from moto.core.responses import ActionResult
from moto.ec2.responses.elastic_network_interfaces import ElasticNetworkInterfaces
from moto.ec2.responses.instances import InstanceResponse
from moto.ec2.responses.network_acls import NetworkACLs
from moto.ec2.responses.route_tables import RouteTables
from moto.ec2.responses.security_groups import SecurityGroups
from moto.ec2.responses.subnets import Subnets
from moto.ec2.responses.vpcs import VPCs
from moto.ecs.exceptions import InvalidParameterException
from moto.ecs.models import ecs_backends


def set_smallest_pages(backend, on=True):
    """Every paged ECS listing of this account answers one item a page (and the other services
    the smallest pages they allow: see smallest_for_account)."""
    backend._awsvpc_smallest_pages = on


def smallest_for_account(account, region=None):
    """Whether the account (in the region, else in any region it was seeded in) was switched to
    the smallest pages: for the services that are not ECS (IAM, CloudWatch Logs)."""
    regions = ecs_backends[account]
    if region is not None:
        return getattr(regions[region], "_awsvpc_smallest_pages", False)
    return any(getattr(regions[r], "_awsvpc_smallest_pages", False) for r in list(regions.keys()))


def page(response, items, key, largest, default=None):
    """One page of `items` under `key`, honouring `maxResults` (1..largest) and `nextToken`."""
    size = response._get_int_param("maxResults", default or largest)
    if size < 1 or size > largest:
        raise InvalidParameterException(f"maxResults must be between 1 and {largest}.")
    if getattr(response.ecs_backend, "_awsvpc_smallest_pages", False):
        size = 1
    start = int(response._get_param("nextToken") or 0)
    result = {key: items[start:start + size]}
    if start + size < len(items):
        result["nextToken"] = str(start + size)
    return result


# --- EC2 Describe* with the smallest pages: MaxResults is at least 5 for these operations (EC2
# API Reference, DescribeNetworkInterfaces / DescribeSubnets / DescribeSecurityGroups
# MaxResults 5-1000, DescribeRouteTables 5-100); with the account switched to the smallest pages
# they answer 5 items a page with a NextToken, whatever was asked. moto answered everything at once.
def _smallest_for(ec2_response):
    b = ec2_response.ec2_backend
    return getattr(ecs_backends[b.account_id][b.region_name], "_awsvpc_smallest_pages", False)


def _paged_ec2(cls, method, key):
    orig = getattr(cls, method)

    def paged(self):
        result = orig(self)
        if not _smallest_for(self):
            return result
        items = list(result.result[key])
        start = int(self._get_param("NextToken") or 0)
        page = {key: items[start:start + 5]}
        if start + 5 < len(items):
            page["NextToken"] = str(start + 5)
        return ActionResult(page)

    setattr(cls, method, paged)


for _cls, _method, _key in [
    (ElasticNetworkInterfaces, "describe_network_interfaces", "NetworkInterfaces"),
    (Subnets, "describe_subnets", "Subnets"),
    (RouteTables, "describe_route_tables", "RouteTables"),
    (SecurityGroups, "describe_security_groups", "SecurityGroups"),
    # DescribeInstanceTypes: MaxResults 5-100, NextToken (EC2 API Reference); moto answered all.
    (InstanceResponse, "describe_instance_types", "InstanceTypes"),
]:
    _paged_ec2(_cls, _method, _key)


# --- EC2 DescribeInstances pages by reservation itself (MaxResults 5-1000, not with instance IDs:
# EC2 API Reference); with the account switched to the smallest pages it answers 5 reservations a
# page, with moto's own NextToken. -------------------------------------------------------------
_orig_describe_instances = InstanceResponse.describe_instances


def _describe_instances(self):
    if _smallest_for(self) and not self._get_param("InstanceIds"):
        if isinstance(getattr(self, "params", None), dict):
            self.params["MaxResults"] = 5
        self.querystring["MaxResults"] = ["5"]
    return _orig_describe_instances(self)


InstanceResponse.describe_instances = _describe_instances


# --- EC2 DescribeVpcEndpoints / DescribeNetworkAcls page on MaxResults and NextToken (EC2 API
# Reference: DescribeVpcEndpoints MaxResults "The request returns a token that you can specify in a
# subsequent call to get the next set of results ... If the value is greater than 1,000, we return
# only 1,000 items"; DescribeNetworkAcls MaxResults 5-1000; both paginators NextToken). moto
# answered everything at once whatever MaxResults said; with the account switched to the smallest
# pages they answer 5 items a page. ------------------------------------------------------------------
def _paged_max(cls, method, key):
    orig = getattr(cls, method)

    def paged(self):
        result = orig(self)
        asked = self._get_int_param("MaxResults")
        size = 5 if _smallest_for(self) else min(asked, 1000) if asked else None
        if size is None:
            return result
        items = list(result.result[key])
        start = int(self._get_param("NextToken") or 0)
        page = {key: items[start:start + size]}
        if start + size < len(items):
            page["NextToken"] = str(start + size)
        return ActionResult(page)

    setattr(cls, method, paged)


_paged_max(VPCs, "describe_vpc_endpoints", "VpcEndpoints")
_paged_max(NetworkACLs, "describe_network_acls", "NetworkAcls")
