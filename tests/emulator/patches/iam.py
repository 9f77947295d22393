"""IAM, as the IAM API Reference and User Guide describe it where moto differs. What moto already
did right (left alone): roles with their trust policy, attached managed policies
(ListAttachedRolePolicies), inline policies (PutRolePolicy, ListRolePolicies, GetRolePolicy),
GetPolicy, and the URL encoding of GetRole's AssumeRolePolicyDocument and GetRolePolicy's
PolicyDocument on the wire (boto3 decodes them; the Rust SDK hands them over as sent).
SimulatePrincipalPolicy is in iam_simulate.py."""

import json

from moto.core.serialize import url_encode
from moto.iam import models as iam_models
from moto.iam.exceptions import NotFoundException
from moto.iam.responses import IamResponse

# --- The ECS service-linked role's name (IAM User Guide, "Using service-linked roles"; ECS
# Developer Guide, "Using service-linked roles for Amazon ECS": AWSServiceRoleForECS). moto names
# it AWSServiceRoleForecs. ---------------------------------------------------------------------------
iam_models.SERVICE_NAME_CONVERSION["ecs"] = "ECS"

# --- AWS managed policies exist in every account ("AWS managed policies ... are created and
# administered by AWS", IAM User Guide, "Managed policies and inline policies"; ECS Developer Guide,
# "Amazon ECS task execution IAM role": `aws iam attach-role-policy ... --policy-arn
# arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy`). moto has none unless
# all ~1,600 are loaded (MOTO_IAM_LOAD_MANAGED_POLICIES, about 0.3 s and much memory per account), so
# AttachRolePolicy answered NoSuchEntity. The ones an ECS account uses are there, with moto's copy
# of AWS's documents (AmazonECSTaskExecutionRolePolicy v1: the four ECR pull actions,
# logs:CreateLogStream and logs:PutLogEvents on "*"). ---------------------------------------------
ECS_MANAGED_POLICIES = (
    "AmazonECSTaskExecutionRolePolicy",
    "AmazonEC2ContainerServiceforEC2Role",
    "AmazonEC2ContainerRegistryReadOnly",
    "AmazonECS_FullAccess",
    "CloudWatchLogsFullAccess",
    "SecretsManagerReadWrite",
    "AmazonSSMReadOnlyAccess",
)
_policy_data = {}
_orig_init_aws_policies = iam_models.IAMBackend._init_aws_policies


def _init_aws_policies(self):
    loaded = _orig_init_aws_policies(self)
    if loaded:
        return loaded
    if not _policy_data:
        from moto.iam.aws_managed_policies import aws_managed_policies_data

        everything = json.loads(aws_managed_policies_data)
        _policy_data.update({name: everything[name] for name in ECS_MANAGED_POLICIES})
    return [iam_models.AWSManagedPolicy.from_data(name, self.account_id, self.region_name, d) for name, d in _policy_data.items()]


iam_models.IAMBackend._init_aws_policies = _init_aws_policies

# --- GetRole of a role that does not exist: NoSuchEntity "The role with name NAME cannot be found."
# (as AWS answers, and as moto itself words GetUser's). moto said "Role NAME not found". -------------
_orig_get_role = iam_models.IAMBackend.get_role


def _get_role(self, role_name):
    try:
        return _orig_get_role(self, role_name)
    except NotFoundException:
        raise NotFoundException(f"The role with name {role_name} cannot be found.")


iam_models.IAMBackend.get_role = _get_role

# --- Policy documents are URL-encoded on the wire wherever IAM returns them (the policyDocumentType
# shape, which botocore URL-decodes after every IAM call): GetPolicyVersion ("The policy document
# returned in this structure is URL-encoded compliant with RFC 3986", API Reference,
# PolicyVersion.Document) and every role's trust policy (ListRoles, GetInstanceProfile,
# ListInstanceProfiles, ListInstanceProfilesForRole, GetAccountAuthorizationDetails). moto encoded
# GetRole's, CreateRole's, the Get*Policy documents and GetAccountAuthorizationDetails' policy
# documents, and sent these as plain JSON. (A transformer applies where the response key path ends
# with its key; moto's own entries come first.) ------------------------------------------------------
IamResponse.RESPONSE_KEY_PATH_TO_TRANSFORMER.update({
    "GetPolicyVersionResponse.PolicyVersion.Document": url_encode,
    ".AssumeRolePolicyDocument": url_encode,
})
