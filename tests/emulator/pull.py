"""The `pull` scenario (scenarios.seed): what a task needs before its containers start, its
execution role and its network path to ECR, S3, CloudWatch Logs, Secrets Manager and SSM, with one
fault or fix planted per param. Built on seeding.network() (a VPC with private subnets behind a
NAT gateway and a public subnet), through boto3 against the emulator itself.

Params (default first):
  "image": "private" | "public" | "dockerhub"   ACCOUNT.dkr.ecr.REGION.amazonaws.com/app:1.0 (the
        repository exists; "image_exists": false leaves tag 1.0 out of it), public.ecr.aws/...,
        or docker.io/library/nginx
  "execution_role": "ok" | "missing" | "none" | "wrong_trust" | "no_ecr" | "no_logs" |
        "no_secrets" | "deny_ecr"   ok: trusted by ecs-tasks.amazonaws.com, with
        AmazonECSTaskExecutionRolePolicy and, as the task needs them, an inline policy for its
        secrets (secretsmanager:GetSecretValue on the secret / ssm:GetParameters on the parameter)
        and for logs:CreateLogGroup (awslogs_create); missing: the task definition names a role
        that does not exist; none: no executionRoleArn; wrong_trust: trusted by
        ec2.amazonaws.com; no_ecr / no_logs: an inline policy instead of the managed one, without
        the ECR / the logs actions; no_secrets: without the secrets policy; deny_ecr: ok plus an
        explicit Deny of ecr:* ("role_name": the role's name, ecsTaskExecutionRole)
  "logs": "awslogs" | "awslogs_create" | "none"   the container's logConfiguration (awslogs-group
        "/ecs/pull" or "log_group_name", awslogs-region "log_region" or the seed's region,
        awslogs-stream-prefix "app"; awslogs_create adds awslogs-create-group "true")
  "log_group": true | false   whether the group exists; "/ecs/pull-archive" always does, so a
        prefix match alone is not the group
  "secrets": "none" | "secretsmanager" | "ssm"   a secret "pull/db-password" referenced by its
        ARN, or a SecureString parameter "/pull/api-token" referenced by name ("ssm_ref": "arn"
        for its ARN); "secret_missing": true references one that does not exist;
        "secret_key": "cmk" encrypts it with a customer managed KMS key of its own ("cmk_alias":
        the same, the secret naming it by the alias alias/pull-secrets; "default": the AWS managed
        key), which the "ok" role may decrypt unless "kms_grant": false
  "egress": "nat" | "endpoints" | "none" | "public_ip"   the task subnet: the first private
        subnet (NAT); a private subnet of its own in the first AZ without a NAT route, with
        interface endpoints ecr.api, ecr.dkr, and logs / secretsmanager / ssm as the task needs
        (private DNS, in the task subnet or, "endpoint_subnet": "other", in a subnet of their own
        in the same AZ, or "other_az", in a subnet of their own in another AZ only;
        "endpoint_private_dns": false turns private DNS off) and the S3 gateway
        endpoint on the subnet's route table; the same subnet without endpoints; the public
        subnet (IGW route) with assignPublicIp ENABLED on the service (Fargate); the public subnet
        without a public IP, with the endpoints (in it, the S3 gateway on its route table)
  "endpoint_missing": "ecr.api" | "ecr.dkr" | "s3" | "logs" | "secretsmanager" | "ssm" (or a
        list)   leaves that endpoint out
  "endpoint_sg_blocks": false | true   the endpoints' security group admits 443 only from
        192.168.0.0/16 (else from the VPC CIDR)
  "task_egress": "all" | "vpc_only" | "none" | "vpc_s3" | "endpoint_sg"   the task security
        group's egress: AWS's default allow-all; TCP 443 to the VPC CIDR only (no S3 prefix
        list); none; TCP 443 to the VPC CIDR and the S3 prefix list; TCP 443 to the endpoints'
        security group and the S3 prefix list
  "nacl": "default" | "deny_443_out" | "deny_ephemeral_in" | "allow_https"   the task subnet's
        network ACL: the VPC's default; a custom one denying TCP 443 out (rule 100) then allowing
        all; denying TCP 1024-65535 in (rule 100) then allowing all; allowing only TCP 443 out and
        TCP 1024-65535 in (both rule 100, then the * deny). Network ACLs apply where traffic
        enters or leaves a subnet, so they do not stand between a task and interface endpoints
        in its own subnet (VPC User Guide, "Network ACL basics")
  "simulate": "allowed" | "refused" | "legacy"   SimulatePrincipalPolicy answers, is refused
        (AccessDenied) for the caller, or answers one result per action and resource
        (patches/iam_simulate.py; the `simulate` scenario switches it alone: {"refused", "legacy"})
  "launch_type": "FARGATE" | "EC2"   EC2: a container instance (c5.large, agent 1.80.0, task-eni)
        in the task subnet ("instance_subnet": "task"), or in the first private subnet behind the
        NAT gateway ("nat"), or in the public subnet with a public IP ("public"), with the task
        security group (or "instance_sg": "own", a group of its own allowing no egress), whose role (ecsInstanceRole, trusted by
        ec2.amazonaws.com, AmazonEC2ContainerServiceforEC2Role; "instance_role_policy": false for
        none) pulls the image
  "dns_support": true | false, "dns_hostnames": true | false   the VPC's DNS attributes (interface
        endpoints' private DNS needs both; PrivateLink guide)
  "cluster" (pull), "family" (pull), "service" (pull-svc): names; other network params as
        seeding.network_params() reads them.

Returns: cluster, service, service_arn, family, task_definition_arn, launch_type, image,
execution_role_arn (None for "none"; the ARN of a missing role for "missing"), execution_role_name,
vpc, vpc_cidr, az, task_subnet, subnets ([task_subnet]), endpoint_subnet, public_subnet,
private_subnets, task_security_group, security_groups ([task SG]), endpoint_security_group,
endpoints ({short service name: vpce id}), route_table (the task subnet's), network_acl (the task
subnet's), default_network_acl, s3_prefix_list, log_group (None without awslogs), log_region,
secret_arns, ssm_parameter ({"name", "arn"} or None), secrets (the container's), key_arn (the
customer managed key, or None), container_name,
container_instance, instance_id, instance_role_arn (EC2 only, else None), network (network()'s).
"""

import json

import boto3

import patches
from seeding import AMI, instance_role, network, network_params, region, trust_policy

CHOICES = {
    "image": ("private", "public", "dockerhub"),
    "execution_role": ("ok", "missing", "none", "wrong_trust", "no_ecr", "no_logs", "no_secrets", "deny_ecr"),
    "logs": ("awslogs", "awslogs_create", "none"),
    "secrets": ("none", "secretsmanager", "ssm"),
    "egress": ("nat", "endpoints", "none", "public_ip", "public_endpoints"),
    "task_egress": ("all", "vpc_only", "none", "vpc_s3", "endpoint_sg"),
    "nacl": ("default", "deny_443_out", "deny_ephemeral_in", "allow_https"),
    "simulate": ("allowed", "refused", "legacy"),
    "launch_type": ("FARGATE", "EC2"),
    "endpoint_subnet": ("same", "other", "other_az"),
    "instance_subnet": ("task", "nat", "public"),
    "instance_sg": ("task", "own"),
    "secret_key": ("default", "cmk", "cmk_alias"),
}
ENDPOINTS = ("ecr.api", "ecr.dkr", "s3", "logs", "secretsmanager", "ssm")
ECR_ACTIONS = ["ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]
LOG_ACTIONS = ["logs:CreateLogStream", "logs:PutLogEvents"]
EXECUTION_POLICY = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
MANIFEST = json.dumps({
    "schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
    "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": 1470, "digest": "sha256:" + "a" * 64},
    "layers": [{"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip", "size": 3623807, "digest": "sha256:" + "b" * 64}]})


def _clients(endpoint, account, region_name):
    kw = dict(endpoint_url=endpoint, region_name=region_name, aws_access_key_id=account, aws_secret_access_key="secret")
    return {n: boto3.client(n, **kw) for n in ("ecs", "ec2", "iam", "logs", "secretsmanager", "ssm", "ecr")}


def _params(params):
    p = {"image": "private", "execution_role": "ok", "logs": "awslogs", "log_group": True, "secrets": "none", "egress": "nat",
         "endpoint_missing": [], "endpoint_sg_blocks": False, "task_egress": "all", "nacl": "default", "simulate": "allowed",
         "launch_type": "FARGATE", "endpoint_subnet": "same", "instance_subnet": "task", "instance_sg": "task",
         "secret_key": "default", "kms_grant": True, **params}
    for key, allowed in CHOICES.items():
        if p[key] not in allowed:
            raise ValueError(f"pull: {key} must be one of {allowed}, not {p[key]!r}")
    missing = p["endpoint_missing"]
    p["endpoint_missing"] = [missing] if isinstance(missing, str) else list(missing or [])
    for name in p["endpoint_missing"]:
        if name not in ENDPOINTS:
            raise ValueError(f"pull: endpoint_missing must name one of {ENDPOINTS}, not {name!r}")
    return p


def _route_table_of(ec2, subnet):
    tables = ec2.describe_route_tables(Filters=[{"Name": "association.subnet-id", "Values": [subnet]}])["RouteTables"]
    return tables[0]["RouteTableId"]


def _acl_of(ec2, subnet):
    acls = ec2.describe_network_acls(Filters=[{"Name": "association.subnet-id", "Values": [subnet]}])["NetworkAcls"]
    return acls[0]


def _network_acl(ec2, vpc, subnet, kind):
    """The task subnet's network ACL (see the module docstring); returns its id."""
    current = _acl_of(ec2, subnet)
    if kind == "default":
        return current["NetworkAclId"]
    acl = ec2.create_network_acl(VpcId=vpc)["NetworkAcl"]["NetworkAclId"]
    anywhere = "0.0.0.0/0"

    def entry(number, egress, action, protocol="-1", ports=None):
        kw = dict(NetworkAclId=acl, RuleNumber=number, Protocol=protocol, RuleAction=action, Egress=egress, CidrBlock=anywhere)
        if ports:
            kw["PortRange"] = {"From": ports[0], "To": ports[1]}
        ec2.create_network_acl_entry(**kw)

    if kind == "deny_443_out":
        entry(100, True, "deny", "6", (443, 443))
        entry(200, True, "allow")
        entry(100, False, "allow")
    elif kind == "deny_ephemeral_in":
        entry(100, False, "deny", "6", (1024, 65535))
        entry(200, False, "allow")
        entry(100, True, "allow")
    else:  # allow_https
        entry(100, True, "allow", "6", (443, 443))
        entry(100, False, "allow", "6", (1024, 65535))
    assoc = next(a["NetworkAclAssociationId"] for a in current["Associations"] if a["SubnetId"] == subnet)
    ec2.replace_network_acl_association(AssociationId=assoc, NetworkAclId=acl)
    return acl


def _task_egress(ec2, sg, kind, vpc_cidr, prefix_list, endpoint_sg):
    """The task security group's egress rules (see the module docstring)."""
    if kind == "all":
        return
    # AWS's default egress: all IPv4 traffic (and all IPv6 in a VPC with an IPv6 block).
    current = ec2.describe_security_groups(GroupIds=[sg])["SecurityGroups"][0]["IpPermissionsEgress"]
    ec2.revoke_security_group_egress(GroupId=sg, IpPermissions=current)
    https = {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443}
    rules = {
        "none": [],
        "vpc_only": [{**https, "IpRanges": [{"CidrIp": vpc_cidr}]}],
        "vpc_s3": [{**https, "IpRanges": [{"CidrIp": vpc_cidr}]}, {**https, "PrefixListIds": [{"PrefixListId": prefix_list}]}],
        "endpoint_sg": [{**https, "UserIdGroupPairs": [{"GroupId": endpoint_sg}]},
                        {**https, "PrefixListIds": [{"PrefixListId": prefix_list}]}],
    }[kind]
    if rules:
        ec2.authorize_security_group_egress(GroupId=sg, IpPermissions=rules)


def _execution_role(iam, account, p, log_group, log_region, secret_arn, parameter_arn, key_arn=None):
    """The execution role (see the module docstring); returns (ARN or None, name)."""
    kind, name = p["execution_role"], p.get("role_name", "ecsTaskExecutionRole")
    arn = f"arn:aws:iam::{account}:role/{name}"
    if kind == "none":
        return None, None
    if kind == "missing":
        return arn, name
    trusted = "ec2.amazonaws.com" if kind == "wrong_trust" else "ecs-tasks.amazonaws.com"
    iam.create_role(RoleName=name, AssumeRolePolicyDocument=trust_policy(trusted))
    statements = []
    if kind == "no_ecr":
        statements.append({"Effect": "Allow", "Action": LOG_ACTIONS, "Resource": "*"})
    elif kind == "no_logs":
        statements.append({"Effect": "Allow", "Action": ECR_ACTIONS, "Resource": "*"})
    else:
        iam.attach_role_policy(RoleName=name, PolicyArn=EXECUTION_POLICY)
    if p["logs"] == "awslogs_create" and kind != "no_logs":
        group_arn = f"arn:aws:logs:{log_region}:{account}:log-group:{log_group}"
        statements.append({"Effect": "Allow", "Action": "logs:CreateLogGroup", "Resource": [group_arn, group_arn + ":*"]})
    if kind != "no_secrets":
        if secret_arn:
            statements.append({"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": secret_arn})
        if parameter_arn:
            statements.append({"Effect": "Allow", "Action": "ssm:GetParameters", "Resource": parameter_arn})
        if key_arn and p["kms_grant"]:
            statements.append({"Effect": "Allow", "Action": "kms:Decrypt", "Resource": key_arn})
    if kind == "deny_ecr":
        statements.append({"Effect": "Deny", "Action": "ecr:*", "Resource": "*"})
    if statements:
        iam.put_role_policy(RoleName=name, PolicyName="task-execution",
                            PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": statements}))
    return arn, name


def _endpoints(ec2, p, vpc, subnet, route_table, endpoint_sg, reg):
    """The VPC endpoints of egress "endpoints" (see the module docstring): {short name: id}."""
    wanted = ["ecr.api", "ecr.dkr", "s3"]
    if p["logs"] != "none":
        wanted.append("logs")
    if p["secrets"] != "none":
        wanted.append(p["secrets"])
    made = {}
    for short in wanted:
        if short in p["endpoint_missing"]:
            continue
        name = f"com.amazonaws.{reg}.{short}"
        if short == "s3":
            out = ec2.create_vpc_endpoint(VpcId=vpc, ServiceName=name, VpcEndpointType="Gateway", RouteTableIds=[route_table])
        else:
            out = ec2.create_vpc_endpoint(VpcId=vpc, ServiceName=name, VpcEndpointType="Interface", SubnetIds=[subnet],
                                          SecurityGroupIds=[endpoint_sg], PrivateDnsEnabled=p.get("endpoint_private_dns", True))
        made[short] = out["VpcEndpoint"]["VpcEndpointId"]
    return made


def _container_instance(c, p, cluster, net, subnet, sg, reg):
    """An EC2 container instance (launch_type EC2: see the module docstring); returns (arn,
    instance id, role ARN)."""
    iam, ec2, ecs = c["iam"], c["ec2"], c["ecs"]
    role = p.get("instance_role", "ecsInstanceRole")
    try:
        role_arn = instance_role(iam, role, p.get("instance_role_policy", True))
        profile = iam.create_instance_profile(InstanceProfileName=role + "Profile")["InstanceProfile"]
        iam.add_role_to_instance_profile(InstanceProfileName=role + "Profile", RoleName=role)
    except iam.exceptions.EntityAlreadyExistsException:  # IAM is global: seeded before in the account
        role_arn = iam.get_role(RoleName=role)["Role"]["Arn"]
        profile = iam.get_instance_profile(InstanceProfileName=role + "Profile")["InstanceProfile"]
    where = {"task": subnet, "nat": net["private_subnets"][0], "public": net["public_subnet"]}[p["instance_subnet"]]
    if p["instance_sg"] == "own":
        vpc = ec2.describe_subnets(SubnetIds=[where])["Subnets"][0]["VpcId"]
        sg = ec2.create_security_group(GroupName="instances", Description="container instances", VpcId=vpc)["GroupId"]
        current = ec2.describe_security_groups(GroupIds=[sg])["SecurityGroups"][0]["IpPermissionsEgress"]
        ec2.revoke_security_group_egress(GroupId=sg, IpPermissions=current)
    # AssociatePublicIpAddress on the primary interface: the instance gets a public IPv4 address
    # (EC2 API Reference, InstanceNetworkInterfaceSpecification).
    nic = {"DeviceIndex": 0, "SubnetId": where, "Groups": [sg], "AssociatePublicIpAddress": p["instance_subnet"] == "public"}
    inst = ec2.run_instances(ImageId=AMI, MinCount=1, MaxCount=1, InstanceType="c5.large", NetworkInterfaces=[nic],
                             IamInstanceProfile={"Arn": profile["Arn"]})["Instances"][0]
    doc = json.dumps({"instanceId": inst["InstanceId"], "region": reg, "instanceType": "c5.large",
                      "availabilityZone": inst["Placement"]["AvailabilityZone"]})
    attrs = [{"name": "ecs.capability.task-eni"}, {"name": "ecs.os-type", "value": "linux"}]
    ci = ecs.register_container_instance(cluster=cluster, instanceIdentityDocument=doc, attributes=attrs,
                                         versionInfo={"agentVersion": "1.80.0"})["containerInstance"]
    return ci["containerInstanceArn"], inst["InstanceId"], role_arn


def scenario_pull(endpoint, account, params):
    p = _params(params)
    reg = region()
    log_region = p.get("log_region", reg)
    c = _clients(endpoint, account, reg)
    ecs, ec2 = c["ecs"], c["ec2"]
    cluster = p.get("cluster", "pull")
    ecs.create_cluster(clusterName=cluster)
    net = network(c, **network_params(p))
    vpc = net["vpc"]
    if not p.get("dns_support", True):
        ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsSupport={"Value": False})
    vpc_cidr = ec2.describe_vpcs(VpcIds=[vpc])["Vpcs"][0]["CidrBlock"]
    base = vpc_cidr.split(".")[:2]
    first_az = ec2.describe_subnets(SubnetIds=net["private_subnets"][:1])["Subnets"][0]["AvailabilityZone"]
    endpoint_subnet = None
    if p["egress"] == "nat":
        subnet = net["private_subnets"][0]
    elif p["egress"] in ("public_ip", "public_endpoints"):
        subnet = net["public_subnet"]
    else:
        subnet = ec2.create_subnet(VpcId=vpc, CidrBlock=f"{base[0]}.{base[1]}.128.0/20", AvailabilityZone=first_az)["Subnet"]["SubnetId"]
        isolated = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
        ec2.associate_route_table(RouteTableId=isolated, SubnetId=subnet)
        if p["egress"] == "endpoints" and p["endpoint_subnet"] != "same":
            zones = [z["ZoneName"] for z in ec2.describe_availability_zones()["AvailabilityZones"]]
            zone = first_az if p["endpoint_subnet"] == "other" else next(z for z in zones if z != first_az)
            endpoint_subnet = ec2.create_subnet(VpcId=vpc, CidrBlock=f"{base[0]}.{base[1]}.144.0/24",
                                                AvailabilityZone=zone)["Subnet"]["SubnetId"]
            ec2.associate_route_table(RouteTableId=isolated, SubnetId=endpoint_subnet)
    route_table = _route_table_of(ec2, subnet)
    az = ec2.describe_subnets(SubnetIds=[subnet])["Subnets"][0]["AvailabilityZone"]
    prefix_list = ec2.describe_prefix_lists(Filters=[{"Name": "prefix-list-name", "Values": [f"com.amazonaws.{reg}.s3"]}])
    prefix_list = prefix_list["PrefixLists"][0]["PrefixListId"]
    task_sg = net["security_group"]
    endpoint_sg = ec2.create_security_group(GroupName="endpoints", Description="VPC endpoints", VpcId=vpc)["GroupId"]
    source = "192.168.0.0/16" if p["endpoint_sg_blocks"] else vpc_cidr
    ec2.authorize_security_group_ingress(GroupId=endpoint_sg, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": source}]}])
    endpoints = {}
    if p["egress"] in ("endpoints", "public_endpoints"):
        endpoints = _endpoints(ec2, p, vpc, endpoint_subnet or subnet, route_table, endpoint_sg, reg)
    _task_egress(ec2, task_sg, p["task_egress"], vpc_cidr, prefix_list, endpoint_sg)
    acl = _network_acl(ec2, vpc, subnet, p["nacl"])
    default_acl = ec2.describe_network_acls(Filters=[{"Name": "vpc-id", "Values": [vpc]},
                                                     {"Name": "default", "Values": ["true"]}])["NetworkAcls"][0]["NetworkAclId"]

    image = {"public": "public.ecr.aws/nginx/nginx:latest", "dockerhub": "docker.io/library/nginx:latest"}.get(p["image"])
    if p["image"] == "private":
        c["ecr"].create_repository(repositoryName="app")
        if p.get("image_exists", True):
            c["ecr"].put_image(repositoryName="app", imageManifest=MANIFEST, imageTag="1.0")
        image = f"{account}.dkr.ecr.{reg}.amazonaws.com/app:1.0"

    secrets, secret_arns, parameter = [], [], None
    # A customer managed key of the account's own (KMS API Reference, CreateKey: KeyManager CUSTOMER).
    key_arn = None
    key_ref = None
    if p["secret_key"] in ("cmk", "cmk_alias") and p["secrets"] != "none":
        kms = boto3.client("kms", endpoint_url=endpoint, region_name=reg, aws_access_key_id=account,
                           aws_secret_access_key="secret")
        key_arn = kms.create_key(Description="pull secrets")["KeyMetadata"]["Arn"]
        key_ref = key_arn
        if p["secret_key"] == "cmk_alias":
            # The secret names its key by an alias of the account's own: only DescribeKey says
            # which key that is (Secrets Manager API Reference, CreateSecret KmsKeyId: "key ID,
            # key ARN, alias name, or alias ARN").
            kms.create_alias(AliasName="alias/pull-secrets", TargetKeyId=key_arn)
            key_ref = "alias/pull-secrets"
    key = {"KmsKeyId": key_ref} if key_ref else {}
    if p["secrets"] == "secretsmanager":
        if p.get("secret_missing"):
            arn = f"arn:aws:secretsmanager:{reg}:{account}:secret:pull/db-password-AbCdEf"
        else:
            arn = c["secretsmanager"].create_secret(Name="pull/db-password", SecretString="s3cr3t", **key)["ARN"]
        secret_arns.append(arn)
        secrets.append({"name": "DB_PASSWORD", "valueFrom": arn})
    elif p["secrets"] == "ssm":
        name = "/pull/api-token"
        parameter = {"name": name, "arn": f"arn:aws:ssm:{reg}:{account}:parameter{name}"}
        if not p.get("secret_missing"):
            c["ssm"].put_parameter(Name=name, Value="t0ken", Type="SecureString", **({"KeyId": key_ref} if key_ref else {}))
        secrets.append({"name": "API_TOKEN", "valueFrom": parameter["arn"] if p.get("ssm_ref") == "arn" else name})

    log_group = None
    container = {"name": "app", "image": image, "essential": True, "cpu": 256, "memory": 512}
    if p["logs"] != "none":
        log_group = p.get("log_group_name", "/ecs/pull")
        logs = c["logs"] if log_region == reg else boto3.client(
            "logs", endpoint_url=endpoint, region_name=log_region, aws_access_key_id=account, aws_secret_access_key="secret")
        logs.create_log_group(logGroupName=log_group + "-archive")
        if p["log_group"]:
            logs.create_log_group(logGroupName=log_group)
        options = {"awslogs-group": log_group, "awslogs-region": log_region, "awslogs-stream-prefix": "app"}
        if p["logs"] == "awslogs_create":
            options["awslogs-create-group"] = "true"
        container["logConfiguration"] = {"logDriver": "awslogs", "options": options}
    if secrets:
        container["secrets"] = secrets

    role_arn, role_name = _execution_role(c["iam"], account, p, log_group, log_region, secret_arns[0] if secret_arns else None,
                                          parameter["arn"] if parameter else None, key_arn)
    patches.iam_simulate.set_mode(account, refused=p["simulate"] == "refused", legacy=p["simulate"] == "legacy")

    family = p.get("family", "pull")
    kw = dict(family=family, networkMode="awsvpc", containerDefinitions=[container], requiresCompatibilities=[p["launch_type"]],
              cpu="256", memory="512")
    if role_arn:
        kw["executionRoleArn"] = role_arn
    td = ecs.register_task_definition(**kw)["taskDefinition"]["taskDefinitionArn"]

    ci = instance_id = instance_role_arn = None
    if p["launch_type"] == "EC2":
        ci, instance_id, instance_role_arn = _container_instance(c, p, cluster, net, subnet, task_sg, reg)
    public = "ENABLED" if p["egress"] == "public_ip" and p["launch_type"] == "FARGATE" else "DISABLED"
    service = p.get("service", "pull-svc")
    conf = {"awsvpcConfiguration": {"subnets": [subnet], "securityGroups": [task_sg], "assignPublicIp": public}}
    service_arn = ecs.create_service(cluster=cluster, serviceName=service, taskDefinition=td, desiredCount=1,
                                     launchType=p["launch_type"], networkConfiguration=conf)["service"]["serviceArn"]
    return {
        "cluster": cluster, "service": service, "service_arn": service_arn, "family": family, "task_definition_arn": td,
        "launch_type": p["launch_type"], "image": image, "container_name": "app",
        "execution_role_arn": role_arn, "execution_role_name": role_name,
        "vpc": vpc, "vpc_cidr": vpc_cidr, "az": az, "task_subnet": subnet, "subnets": [subnet], "endpoint_subnet": endpoint_subnet,
        "public_subnet": net["public_subnet"], "private_subnets": net["private_subnets"],
        "task_security_group": task_sg, "security_groups": [task_sg], "endpoint_security_group": endpoint_sg,
        "endpoints": endpoints, "route_table": route_table, "network_acl": acl, "default_network_acl": default_acl,
        "s3_prefix_list": prefix_list, "log_group": log_group, "log_region": log_region,
        "secret_arns": secret_arns, "ssm_parameter": parameter, "secrets": secrets, "key_arn": key_arn,
        "container_instance": ci, "instance_id": instance_id, "instance_role_arn": instance_role_arn, "network": net,
    }


def scenario_simulate(endpoint, account, params):
    """Switches the account's SimulatePrincipalPolicy (patches/iam_simulate.py) without seeding
    anything: "refused" (AccessDenied for the caller) and "legacy" (one result per action and
    resource), each true or false."""
    patches.iam_simulate.set_mode(account, refused=params.get("refused", False), legacy=params.get("legacy", False))
    return {}
