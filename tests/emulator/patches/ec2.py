"""EC2, as the EC2 API Reference describes it where moto differs."""

import ipaddress

from moto.ec2.models import elastic_network_interfaces as eni_models
from moto.ec2.models import subnets as subnet_models
from moto.ec2.utils import generate_dns_from_ip
from moto.ec2.utils import generic_filter as _generic_filter

# --- EC2: every ENI has a private DNS name. moto sets it only when the VPC has DNS hostnames on,
# and RunTask then crashes reading it (HTTP 500, orphan ENI). ------------------------------------
_orig_eni_init = eni_models.NetworkInterface.__init__


def _eni_init(self, *args, **kwargs):
    _orig_eni_init(self, *args, **kwargs)
    if not getattr(self, "private_dns_name", None):
        self.private_dns_name = generate_dns_from_ip(self.private_ip_address)


eni_models.NetworkInterface.__init__ = _eni_init


# --- EC2/ECS: a task ENI's private IP is a free address of its subnet (moto: random, anywhere).
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


# --- EC2 DescribeSubnets: an IPv6 association's state reads "associated" (moto nests its whole
# state dict, which comes out as the string "{'State': 'associated'}"). --------------------------
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


# --- EC2 DescribeNetworkInterfaces speed: exact-value filters on the ENI id or the attached
# instance are looked up, not matched one by one against every ENI with wildcard semantics (which
# made the emulator itself, not the client, the cost of large benchmarks). Same results. ----------
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
