"""EC2, as the EC2 API Reference describes it where moto differs."""

import ipaddress
import threading

from moto.core.responses import ActionResult
from moto.ec2.models import elastic_network_interfaces as eni_models
from moto.ec2.models import instances as instance_models
from moto.ec2.models import subnets as subnet_models
from moto.ec2.responses import elastic_network_interfaces as eni_responses
from moto.ec2.responses import instances as instance_responses
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


# --- EC2/ECS: a task ENI's private IP is a free address of its subnet (moto: random, anywhere);
# in an IPv6-only subnet it has no IPv4 address at all, only an IPv6 address of the subnet's
# /64 (EC2 User Guide, "IPv6-only subnets": resources get IPv6 addresses only; moto crashed). ----
_orig_create_eni = eni_models.NetworkInterfaceBackend.create_network_interface


def _ipv6_only_eni(self, s, *args, **kwargs):
    address = _free_ipv6(self, s)
    eni = _orig_create_eni(self, s, None, *args, ipv6_addresses=[address], **kwargs)
    eni.private_ip_address = None
    eni.private_ip_addresses = []
    eni.private_dns_name = None
    return eni


def free_ipv4(backend, s, default=None):
    """A free private IPv4 address of subnet `s`, as EC2 hands them out."""
    used = {e.private_ip_address for e in backend.enis.values() if e.subnet is not None and e.subnet.id == s.id}
    hosts = ipaddress.ip_network(s.cidr_block).hosts()
    # AWS reserves the first four addresses and the last one of every subnet.
    for _ in range(3):
        next(hosts, None)
    return next((str(ip) for ip in hosts if str(ip) not in used), default)


def _free_ipv6(backend, s):
    block = next(iter(s.ipv6_cidr_block_associations.values()))["ipv6CidrBlock"]
    net = ipaddress.ip_network(block)
    used = {a for e in backend.enis.values() if e.subnet is not None and e.subnet.id == s.id for a in e.ipv6_addresses}
    return next(str(net.network_address + k) for k in range(4, 1 << 20) if str(net.network_address + k) not in used)


def _dual_stack(backend):
    """dualStackIPv6 as it is in force for the caller (the principal's value, else the account
    default, else AWS's default, enabled): see ecs_settings.py."""
    from moto.ecs.models import ecs_backends
    from .ecs_settings import AWS_SETTING_DEFAULTS, CALLER, _store
    store = _store(ecs_backends[backend.account_id][backend.region_name])
    own = store.get(CALLER, {}).get("dualStackIPv6")
    default = store.get(None, {}).get("dualStackIPv6")
    return (own or default or AWS_SETTING_DEFAULTS["dualStackIPv6"]) == "enabled"


def _create_eni(self, subnet, private_ip_address, *args, **kwargs):
    if kwargs.get("description") == "moto ECS":
        s = self.get_subnet(subnet) if isinstance(subnet, str) else subnet
        if not s.cidr_block:
            return _ipv6_only_eni(self, s, *args, **kwargs)
        private_ip_address = free_ipv4(self, s, private_ip_address)
        # A task ENI in a subnet with an IPv6 CIDR block also gets an IPv6 address when
        # dualStackIPv6 is in force (ECS Developer Guide, "Fargate task networking": "If your VPC
        # is configured for dual-stack mode and you use a subnet with an IPv6 CIDR block, your
        # task's ENI also receives an IPv6 address"; "Using a VPC in dual-stack mode" names the
        # dualStackIPv6 account setting).
        if s.ipv6_cidr_block_associations and _dual_stack(self):
            eni = _orig_create_eni(self, subnet, private_ip_address, *args, **kwargs)
            eni.ipv6_addresses = [_free_ipv6(self, s)]
            return eni
    return _orig_create_eni(self, subnet, private_ip_address, *args, **kwargs)


eni_models.NetworkInterfaceBackend.create_network_interface = _create_eni


# --- EC2 CreateNetworkInterface: InterfaceType (efa, branch, trunk) is kept and answered back
# (EC2 API Reference, CreateNetworkInterface InterfaceType; NetworkInterface.InterfaceType); moto
# dropped it. A trunked container instance holds a "trunk" interface (ECS Developer Guide, ENI
# trunking: the agent attaches a trunk network interface to the instance). ---------------------
_pending = threading.local()
_orig_create_eni_response = eni_responses.ElasticNetworkInterfaces.create_network_interface
_backend_create_eni = eni_models.NetworkInterfaceBackend.create_network_interface


def _create_eni_response(self):
    _pending.kind = self._get_param("InterfaceType")
    try:
        return _orig_create_eni_response(self)
    finally:
        _pending.kind = None


def _create_eni_typed(self, *args, **kwargs):
    eni = _backend_create_eni(self, *args, **kwargs)
    if getattr(_pending, "kind", None):
        eni.interface_type = _pending.kind
    return eni


eni_responses.ElasticNetworkInterfaces.create_network_interface = _create_eni_response
eni_models.NetworkInterfaceBackend.create_network_interface = _create_eni_typed


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


# --- EC2 DescribeSubnets: an IPv6-only subnet (Ipv6Native) has no IPv4 addresses, so its
# AvailableIpAddressCount is 0 ("The number of unused private IPv4 addresses in the subnet", EC2
# API Reference, Subnet). moto counted its /64 less 5 and overflowed to 18446744073709551611. -----
_orig_available_ips = subnet_models.Subnet.available_ip_address_count


def _available_ips(self):
    if getattr(self, "ipv6_native", False) and not self.cidr_block:
        return 0
    return _orig_available_ips.fget(self)


subnet_models.Subnet.available_ip_address_count = property(_available_ips)


# --- EC2 instances: PrivateDnsNameOptions (EC2 API Reference, Instance.PrivateDnsNameOptions:
# HostnameType ip-name | resource-name, EnableResourceNameDnsARecord,
# EnableResourceNameDnsAAAARecord). An instance takes them from RunInstances'
# PrivateDnsNameOptions, else from its subnet's PrivateDnsNameOptionsOnLaunch (EC2 User Guide,
# "Amazon EC2 instance hostname types"); ModifyPrivateDnsNameOptions changes them. moto had none
# (DescribeInstances left them out; ModifyPrivateDnsNameOptions answered HTTP 500). ---------------
_DNS_KEYS = ("HostnameType", "EnableResourceNameDnsARecord", "EnableResourceNameDnsAAAARecord")


def _dns_options(self):
    own = self.__dict__.get("_awsvpc_dns_options")
    if own is not None:
        return own
    subnet = None
    if getattr(self, "subnet_id", None):
        try:
            subnet = self.ec2_backend.get_subnet(self.subnet_id)
        except Exception:  # a subnet deleted since: AWS's defaults
            subnet = None
    base = dict(getattr(subnet, "private_dns_name_options_on_launch", None) or {})
    options = {"HostnameType": "ip-name", "EnableResourceNameDnsARecord": False, "EnableResourceNameDnsAAAARecord": False}
    options.update({k: base[k] for k in _DNS_KEYS if k in base})
    self.__dict__["_awsvpc_dns_options"] = options
    return options


def _set_dns_options(self, value):
    self.__dict__["_awsvpc_dns_options"] = value


instance_models.Instance.private_dns_name_options = property(_dns_options, _set_dns_options)


def _truth(value):
    return value if isinstance(value, bool) else str(value).lower() == "true"


def _apply_dns_options(instance, given):
    options = dict(instance.private_dns_name_options)
    for k in _DNS_KEYS:
        if given.get(k) is not None:
            options[k] = given[k] if k == "HostnameType" else _truth(given[k])
    instance.private_dns_name_options = options


_orig_run_instances = instance_responses.InstanceResponse.run_instances


def _run_instances(self):
    result = _orig_run_instances(self)
    given = self._get_param("PrivateDnsNameOptions") or {}
    for instance in result.result.instances:
        _apply_dns_options(instance, given)
    return result


def _modify_private_dns_name_options(self):
    self.error_on_dryrun()
    instance = self.ec2_backend.get_instance(self._get_param("InstanceId"))
    given = {k: self._get_param(k) for k in _DNS_KEYS}
    given["HostnameType"] = self._get_param("PrivateDnsHostnameType")  # the request's name for it
    _apply_dns_options(instance, given)
    return ActionResult({"Return": True})


instance_responses.InstanceResponse.run_instances = _run_instances
instance_responses.InstanceResponse.modify_private_dns_name_options = _modify_private_dns_name_options


# --- EC2 network ACLs: every ACL ends in the rules AWS adds and nobody can remove, "a rule whose
# rule number is an asterisk (*)", shown as 32767 for IPv4 and 32768 for IPv6 (VPC User Guide,
# "Control subnet traffic with network ACLs" and "Amazon VPC quotas": "default deny rules (rule
# number 32767 for IPv4 and 32768 for IPv6 ...)"; EC2 API Reference, DescribeNetworkAcls example: a
# new custom ACL answers the two 32767 deny entries). moto gave a custom ACL no entries at all. In
# a VPC with an IPv6 block the default ACL also allows all IPv6 traffic (rule 101, "::/0") and both
# ACLs end in the 32768 IPv6 deny rule (VPC User Guide, "Default network ACL": "If you associate an
# IPv6 CIDR block with your VPC, we automatically add rules that allow all inbound and outbound
# IPv6 traffic"). Entries are listed as AWS lists them: egress first, by rule number. -------------
from moto.ec2.models import network_acls as acl_models  # noqa: E402

_orig_create_acl = acl_models.NetworkAclBackend.create_network_acl


def _acl_entry(backend, acl_id, number, action, egress, cidr=None, ipv6=None):
    backend.create_network_acl_entry(network_acl_id=acl_id, rule_number=number, protocol="-1", rule_action=action,
                                     egress=egress, cidr_block=cidr, icmp_code=None, icmp_type=None,
                                     port_range_from=None, port_range_to=None, ipv6_cidr_block=ipv6)


def _create_acl(self, vpc_id, tags=None, default=False):
    acl = _orig_create_acl(self, vpc_id, tags, default)
    vpc = self.get_vpc(vpc_id)
    ipv6 = bool(vpc.get_cidr_block_association_set(ipv6=True))
    for egress in (True, False):
        if not default:
            _acl_entry(self, acl.id, 32767, "deny", egress, cidr="0.0.0.0/0")
        if ipv6:
            if default:
                _acl_entry(self, acl.id, 101, "allow", egress, ipv6="::/0")
            _acl_entry(self, acl.id, 32768, "deny", egress, ipv6="::/0")
    return acl


acl_models.NetworkAclBackend.create_network_acl = _create_acl
acl_models.NetworkAcl.entries = property(
    lambda self: sorted(self.network_acl_entries, key=lambda e: (not e.egress, int(e.rule_number))))


# --- EC2: an instance launched with NetworkInterfaces (the groups given on the primary interface)
# lists those groups in Instance.SecurityGroups, as AWS answers DescribeInstances (EC2 API
# Reference, Instance.SecurityGroups: "The security groups for the instance"; the instance's
# groups are its primary network interface's). moto left the list empty. ------------------------
_orig_instance_init = instance_models.Instance.__init__


def _instance_init(self, *args, **kwargs):
    _orig_instance_init(self, *args, **kwargs)
    primary = next((n for n in getattr(self, "nics", {}).values() if getattr(n, "device_index", None) == 0), None)
    if not self.security_groups and primary is not None and primary.group_set:
        self.security_groups = list(primary.group_set)


instance_models.Instance.__init__ = _instance_init
