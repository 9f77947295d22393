"""Parts of the scenarios (scenarios.py): the region a seed works in, the network, capacity
providers and the account-level params, made through boto3 against the emulator itself."""

import contextvars
import json

import boto3

import patches

DEFAULT_REGION = "us-east-1"
# The region a seed works in (params "region"; AWS keeps every region apart), per request thread.
_region = contextvars.ContextVar("region", default=DEFAULT_REGION)


def region():
    return _region.get()


AMI = "ami-12c6146b"


def trust_policy(service):
    """A role trust policy for an AWS service principal, as the ECS Developer Guide writes them
    ("Amazon ECS task execution IAM role", "Amazon ECS container instance IAM role")."""
    return json.dumps({"Version": "2012-10-17", "Statement": [
        {"Sid": "", "Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}]})


def instance_role(iam, name, policy=True):
    """The container instance role as the ECS Developer Guide sets it up ("Amazon ECS container
    instance IAM role"): trusted by ec2.amazonaws.com, AmazonEC2ContainerServiceforEC2Role attached
    (ECR pulls and CloudWatch Logs for the agent: an EC2-launch-type task's image is pulled with
    it). `policy` False leaves the role without permissions. Returns the role ARN."""
    arn = iam.create_role(RoleName=name, AssumeRolePolicyDocument=trust_policy("ec2.amazonaws.com"))["Role"]["Arn"]
    if policy:
        iam.attach_role_policy(RoleName=name, PolicyArn="arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role")
    return arn


def network(c, cidr="10.0.0.0/16", dns_hostnames=True, azs=None, ipv6=False, ipv6_route=True,
            extra_subnets=0, ipv6_only=False, assign_ipv6=None):
    """A VPC with a private subnet per AZ (behind a NAT gateway) and one public subnet; with
    `ipv6`, an Amazon-provided IPv6 block, a /64 per private subnet and (with `ipv6_route`) a ::/0
    route to an egress-only internet gateway; `assign_ipv6` sets the private subnets'
    AssignIpv6AddressOnCreation (AWS's default: false). With `ipv6_only`, one more subnet, IPv6
    only (Ipv6Native, a /64 and no IPv4 CIDR: EC2 API Reference, CreateSubnet Ipv6Native), in the
    first AZ, with a route table of its own sending ::/0 to an egress-only internet gateway."""
    ec2 = c["ec2"]
    vpc_out = ec2.create_vpc(CidrBlock=cidr, AmazonProvidedIpv6CidrBlock=ipv6 or ipv6_only)["Vpc"]
    vpc = vpc_out["VpcId"]
    ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsSupport={"Value": True})
    ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsHostnames={"Value": dns_hostnames})
    base = cidr.split(".")[:2]
    private = []
    azs = azs or (f"{region()}a", f"{region()}b")
    for i, az in enumerate(azs):
        s = ec2.create_subnet(VpcId=vpc, CidrBlock=f"{base[0]}.{base[1]}.{(i + 1) * 16}.0/20", AvailabilityZone=az)
        private.append(s["Subnet"]["SubnetId"])
    public = ec2.create_subnet(VpcId=vpc, CidrBlock=f"{base[0]}.{base[1]}.240.0/24", AvailabilityZone=azs[0])["Subnet"]["SubnetId"]
    igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
    rt_pub = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    ec2.create_route(RouteTableId=rt_pub, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
    ec2.associate_route_table(RouteTableId=rt_pub, SubnetId=public)
    alloc = ec2.allocate_address(Domain="vpc")["AllocationId"]
    nat = ec2.create_nat_gateway(SubnetId=public, AllocationId=alloc)["NatGateway"]["NatGatewayId"]
    rt_priv = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    ec2.create_route(RouteTableId=rt_priv, DestinationCidrBlock="0.0.0.0/0", NatGatewayId=nat)
    for s in private:
        ec2.associate_route_table(RouteTableId=rt_priv, SubnetId=s)
    out = {}
    if ipv6 or ipv6_only:
        import ipaddress
        block = ec2.describe_vpcs(VpcIds=[vpc])["Vpcs"][0]["Ipv6CidrBlockAssociationSet"][0]["Ipv6CidrBlock"]
        nets = ipaddress.ip_network(block).subnets(new_prefix=64)
        eigw = None
        if ipv6:
            for s in private:
                ec2.associate_subnet_cidr_block(SubnetId=s, Ipv6CidrBlock=str(next(nets)))
                if assign_ipv6 is not None:
                    ec2.modify_subnet_attribute(SubnetId=s, AssignIpv6AddressOnCreation={"Value": bool(assign_ipv6)})
            if ipv6_route:
                eigw = ec2.create_egress_only_internet_gateway(VpcId=vpc)["EgressOnlyInternetGateway"]["EgressOnlyInternetGatewayId"]
                ec2.create_route(RouteTableId=rt_priv, DestinationIpv6CidrBlock="::/0", EgressOnlyInternetGatewayId=eigw)
        if ipv6_only:
            only = ec2.create_subnet(VpcId=vpc, Ipv6CidrBlock=str(next(nets)), Ipv6Native=True,
                                     AvailabilityZone=azs[0])["Subnet"]["SubnetId"]
            eigw = eigw or ec2.create_egress_only_internet_gateway(VpcId=vpc)["EgressOnlyInternetGateway"]["EgressOnlyInternetGatewayId"]
            rt_v6 = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
            ec2.create_route(RouteTableId=rt_v6, DestinationIpv6CidrBlock="::/0", EgressOnlyInternetGatewayId=eigw)
            ec2.associate_route_table(RouteTableId=rt_v6, SubnetId=only)
            out["ipv6_only_subnet"] = only
    for k in range(extra_subnets):
        extra_subnet = ec2.create_subnet(VpcId=vpc, CidrBlock=f"{base[0]}.{base[1]}.{100 + k}.0/24", AvailabilityZone=azs[0])
        private.append(extra_subnet["Subnet"]["SubnetId"])
        ec2.associate_route_table(RouteTableId=rt_priv, SubnetId=private[-1])
    sg = ec2.create_security_group(GroupName="tasks", Description="awsvpc tasks", VpcId=vpc)["GroupId"]
    extra = [ec2.create_security_group(GroupName=f"extra-{i}", Description="extra", VpcId=vpc)["GroupId"] for i in range(5)]
    return {"vpc": vpc, "private_subnets": private, "public_subnet": public, "security_group": sg,
            "extra_security_groups": extra, **out}


def network_params(params):
    """The network() arguments a scenario takes from its params."""
    return dict(dns_hostnames=params.get("dns_hostnames", True), ipv6=params.get("ipv6", False),
                ipv6_route=params.get("ipv6_route", True), extra_subnets=params.get("extra_subnets", 0),
                ipv6_only=params.get("ipv6_only", False), assign_ipv6=params.get("assign_ipv6"))


def _auto_scaling_group(endpoint, account, name, subnets):
    """An Auto Scaling group for a capacity provider (moto's autoscaling), empty: the cluster's
    instances are registered by the scenario itself."""
    kw = dict(endpoint_url=endpoint, region_name=region(), aws_access_key_id=account, aws_secret_access_key="secret")
    asg = boto3.client("autoscaling", **kw)
    try:
        asg.create_launch_configuration(LaunchConfigurationName=f"{name}-lc", ImageId=AMI, InstanceType="c5.large")
        asg.create_auto_scaling_group(AutoScalingGroupName=f"{name}-asg", LaunchConfigurationName=f"{name}-lc", MinSize=0,
                                      MaxSize=10, DesiredCapacity=0, VPCZoneIdentifier=",".join(subnets))
        return asg.describe_auto_scaling_groups(AutoScalingGroupNames=[f"{name}-asg"])["AutoScalingGroups"][0]["AutoScalingGroupARN"]
    except Exception:  # autoscaling not served: an ARN of the form AWS gives
        return (f"arn:aws:autoscaling:{region()}:{account}:autoScalingGroup:00000000-0000-4000-8000-000000000000:"
                f"autoScalingGroupName/{name}-asg")


def capacity_providers(c, endpoint, account, cluster, net, params):
    """Params "capacity_providers": [{"name", "managed_scaling", "max_step", "managed_instances"}]
    and "default_strategy": [{"capacityProvider", "weight", "base"}]: the providers are made
    (an Auto Scaling group provider, or an ECS Managed Instances one), then associated with the
    cluster with FARGATE and FARGATE_SPOT and the default strategy (PutClusterCapacityProviders).
    Returns {name: arn} and the name of the first Auto Scaling group provider (or None)."""
    ecs, iam = c["ecs"], c["iam"]
    specs = params.get("capacity_providers") or []
    strategy = params.get("default_strategy")
    made, first_asg = {}, None
    for spec in specs:
        name = spec["name"]
        if spec.get("managed_instances"):
            roles = {}
            for role in ("ecsInfrastructureRole", "ecsManagedInstanceRole"):
                try:
                    roles[role] = iam.create_role(RoleName=role, AssumeRolePolicyDocument="{}")["Role"]["Arn"]
                except iam.exceptions.EntityAlreadyExistsException:
                    roles[role] = iam.get_role(RoleName=role)["Role"]["Arn"]
            try:
                profile = iam.create_instance_profile(InstanceProfileName="ecsManagedInstanceProfile")["InstanceProfile"]["Arn"]
                iam.add_role_to_instance_profile(InstanceProfileName="ecsManagedInstanceProfile", RoleName="ecsManagedInstanceRole")
            except iam.exceptions.EntityAlreadyExistsException:
                profile = iam.get_instance_profile(InstanceProfileName="ecsManagedInstanceProfile")["InstanceProfile"]["Arn"]
            out = ecs.create_capacity_provider(name=name, cluster=cluster, managedInstancesProvider={
                "infrastructureRoleArn": roles["ecsInfrastructureRole"],
                "instanceLaunchTemplate": {"ec2InstanceProfileArn": profile, "networkConfiguration": {
                    "subnets": net["private_subnets"], "securityGroups": [net["security_group"]]}}})
        else:
            arn = _auto_scaling_group(endpoint, account, name, net["private_subnets"])
            scaling = {"status": "ENABLED" if spec.get("managed_scaling") else "DISABLED", "targetCapacity": 100}
            if spec.get("max_step"):
                scaling["maximumScalingStepSize"] = spec["max_step"]
            out = ecs.create_capacity_provider(name=name, autoScalingGroupProvider={
                "autoScalingGroupArn": arn, "managedScaling": scaling, "managedTerminationProtection": "DISABLED"})
            first_asg = first_asg or name
        made[name] = out["capacityProvider"]["capacityProviderArn"]
    if specs or strategy:
        ecs.put_cluster_capacity_providers(cluster=cluster, capacityProviders=["FARGATE", "FARGATE_SPOT", *made],
                                           defaultCapacityProviderStrategy=strategy or [])
    return made, first_asg


def account_params(account, params):
    """Params of every scenario (scenarios.seed): "allow_principals" (the caller may read other
    principals' account settings, as the root user could; by default it may not, see
    patches/ecs_settings.py), "refuse_principals" (the default, kept for older tests) and
    "refusal_code" (the refusal's error code)."""
    if "allow_principals" in params:
        patches.ecs_settings.allow_principals(account, bool(params["allow_principals"]))
    elif params.get("refuse_principals"):
        patches.ecs_settings.refuse_other_principals(account)
    if params.get("refusal_code"):
        patches.ecs_settings.set_refusal_code(account, params["refusal_code"])
