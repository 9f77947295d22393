"""EC2 VPC endpoints and AWS-managed prefix lists, as the EC2 API Reference and the PrivateLink
guide describe them where moto differs. What moto already did right (left alone): interface
endpoints with SubnetIds, Groups, PrivateDnsEnabled (default true) and State "available"; gateway
endpoints with RouteTableIds and the route to the service's prefix list (`pl-...`, target the
endpoint) in each of those route tables; the filters vpc-id, service-name, vpc-endpoint-type and
vpc-endpoint-state; the S3 prefix list `com.amazonaws.REGION.s3` in DescribePrefixLists and
DescribeManagedPrefixLists (owner "AWS") with its entries. Paging is in paging.py.
"""

import random
import string

from moto.ec2.models import managed_prefixes as prefix_models
from moto.ec2.models import vpcs as vpc_models
from moto.ec2.utils import generate_dns_from_ip

from .ec2 import free_ipv4

_orig_create_endpoint = vpc_models.VPCBackend.create_vpc_endpoint


def _token(n):
    return "".join(random.choice(string.ascii_lowercase + string.digits) for _ in range(n))


def _dns_entries(endpoint, backend):
    """EC2 API Reference, VpcEndpoint.DnsEntries, and the AWS CLI example of
    describe-vpc-endpoints: a regional name `vpce-ID-TOKEN.SERVICE.REGION.vpce.amazonaws.com`, then
    one per AZ `vpce-ID-TOKEN-AZ.SERVICE...`. SERVICE is the service name less
    `com.amazonaws.REGION.` (ecr.dkr, logs, ...). moto named it `vpce-ID-TOKEN.com.amazonaws....`."""
    region = backend.region_name
    prefix = f"com.amazonaws.{region}."
    short = endpoint.service_name[len(prefix):] if endpoint.service_name.startswith(prefix) else endpoint.service_name
    base = f"{endpoint.id}-{_token(8)}"
    zone = "Z7HUB22UULQXV"
    names = [f"{base}.{short}.{region}.vpce.amazonaws.com"]
    for subnet_id in endpoint.subnet_ids or []:
        az = backend.get_subnet(subnet_id).availability_zone
        names.append(f"{base}-{az}.{short}.{region}.vpce.amazonaws.com")
    return [{"DnsName": n, "HostedZoneId": zone} for n in names]


def _create_endpoint(self, vpc_id, service_name, endpoint_type, policy_document, route_table_ids, subnet_ids=None,
                     network_interface_ids=None, dns_entries=None, client_token=None, security_group_ids=None, tags=None,
                     private_dns_enabled=None):
    # "VpcEndpointType ... Default: Gateway" (EC2 API Reference, CreateVpcEndpoint); moto left the
    # type empty when it was not given.
    endpoint_type = endpoint_type or "Gateway"
    interface = endpoint_type.lower() == "interface"
    # "SecurityGroupId.N (Interface endpoint) The IDs of the security groups to associate with the
    # endpoint network interfaces. If this parameter is not specified, we use the default security
    # group for the VPC." (CreateVpcEndpoint); moto used none.
    if interface and not security_group_ids:
        default = self.get_security_group_from_name("default", vpc_id=vpc_id)
        security_group_ids = [default.id] if default else []
    endpoint = _orig_create_endpoint(self, vpc_id, service_name, endpoint_type, policy_document, route_table_ids,
                                     subnet_ids, network_interface_ids, dns_entries, client_token, security_group_ids, tags,
                                     private_dns_enabled)
    # VpcEndpoint.RequesterManaged: "Indicates whether the endpoint is being managed by its service"
    # (false for an endpoint the account made).
    endpoint.requester_managed = False
    if interface:
        # The endpoint's network interfaces are AWS's, in the endpoint's subnets: an address of the
        # subnet, the endpoint's security groups, InterfaceType "vpc_endpoint", requester-managed,
        # in use, described "VPC Endpoint Interface vpce-..." (EC2 API Reference,
        # NetworkInterface.InterfaceType enum "vpc_endpoint", RequesterManaged; PrivateLink guide,
        # "Access an AWS service using an interface VPC endpoint": "we create an endpoint network
        # interface in each subnet that you enable"). moto gave a random address outside the subnet
        # and the VPC's default group whatever the endpoint's groups were.
        groups = [self.get_security_group_from_id(g) for g in security_group_ids or []]
        for eni_id in endpoint.network_interface_ids:
            eni = self.enis[eni_id]
            eni.private_ip_address = free_ipv4(self, eni.subnet, eni.private_ip_address)
            eni.private_ip_addresses = [{"Primary": True, "PrivateIpAddress": eni.private_ip_address}]
            eni.private_dns_name = generate_dns_from_ip(eni.private_ip_address)
            eni._group_set = [g for g in groups if g is not None]
            eni.description = f"VPC Endpoint Interface {endpoint.id}"
            eni.interface_type = "vpc_endpoint"
            eni.requester_managed = True
            eni.status = "in-use"
        endpoint.dns_entries = _dns_entries(endpoint, self)
        # VpcEndpoint.IpAddressType and DnsOptions.DnsRecordIpType: ipv4 by default.
        endpoint.ip_address_type = "ipv4"
        endpoint.dns_options = {"DnsRecordIpType": "ipv4"}
    return endpoint


vpc_models.VPCBackend.create_vpc_endpoint = _create_endpoint


# --- DescribePrefixLists answers each list's CIDRs (EC2 API Reference, PrefixList.Cidrs: "The IP
# address range of the AWS service"; AWS CLI example of describe-prefix-lists:
# {"PrefixListName": "com.amazonaws.us-east-1.s3", "Cidrs": ["54.231.0.0/17"], "PrefixListId":
# "pl-63a5400a"}). moto left Cidrs out, though it knew the entries
# (GetManagedPrefixListEntries). -----------------------------------------------------------------
def _cidrs(self):
    # An AWS-managed list has no Version in moto; its entries are the newest ones kept.
    entries = self.entries.get(self.version) or (self.entries[max(self.entries)] if self.entries else [])
    return [e["Cidr"] for e in entries]


prefix_models.ManagedPrefixList.cidrs = property(_cidrs)


# --- ModifyVpcEndpoint on a gateway endpoint: AddRouteTableIds adds the route to the service's
# prefix list in each table, RemoveRouteTableIds takes it away (VPC User Guide / PrivateLink guide,
# "Routing for gateway endpoints": "A route is automatically added to each of the route tables with a
# destination that specifies the prefix list ID of the service ... and a target with the endpoint
# ID"). moto only changed the endpoint's RouteTableIds. ----------------------------------------------
_orig_modify_endpoint = vpc_models.VPCBackend.modify_vpc_endpoint


def _modify_endpoint(self, vpc_id, policy_doc, add_subnets, remove_subnets, remove_route_tables, add_route_tables,
                     add_security_groups, remove_security_groups):
    endpoint = self.vpc_end_points.get(vpc_id)
    before = list(endpoint.route_table_ids or []) if endpoint is not None else []
    _orig_modify_endpoint(self, vpc_id, policy_doc, add_subnets, remove_subnets, remove_route_tables, add_route_tables,
                          add_security_groups, remove_security_groups)
    prefix_list = getattr(endpoint, "destination_prefix_list_id", None)
    if not prefix_list:
        return
    for table in endpoint.route_table_ids:
        if table not in before:
            self.create_route(table, None, gateway_id=endpoint.id, destination_prefix_list_id=prefix_list)
    for table in before:
        if table not in endpoint.route_table_ids:
            self.delete_route(table, prefix_list)


vpc_models.VPCBackend.modify_vpc_endpoint = _modify_endpoint
