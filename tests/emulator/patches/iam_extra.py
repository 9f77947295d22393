"""The actions AWS authorises besides the one a request names, under IAM enforcement: RunTask
passes the task definition's roles (iam:PassRole: "you must have iam:PassRole permissions for the
role", ECS Developer Guide, "Task IAM role" and "Amazon ECS task execution IAM role"; the condition
key iam:PassedToService is ecs-tasks.amazonaws.com, IAM User Guide, "Granting a user permissions
to pass a role to an AWS service") and tags what it creates (ecs:TagResource: "If tags are
specified in the create action, AWS performs additional authorization on the ecs:TagResource
action", ECS Developer Guide, "Grant permission to tag resources on creation"). moto authorised
the request's own action only. A denial is ECS's JSON AccessDeniedException naming the action and
the resource, as AWS words it."""

import fnmatch
from urllib.parse import urlparse

from moto import settings
from moto.core.authorization import ActionAuthenticatorMixin
from moto.core.exceptions import JsonRESTError
from moto.iam import policy_conditions
from moto.iam.access_control import IAMPolicy, IAMRequest, PermissionResult


def authorize(resp, action, resource, context=None):
    """Denies `action` on `resource` unless the caller's policies allow it (with `context` as the
    request's condition values). Nothing happens while enforcement is off."""
    if ActionAuthenticatorMixin.request_count < settings.INITIAL_NO_AUTH_ACTION_COUNT:
        return
    path = resp.raw_path
    query = urlparse(resp.uri).query
    request = IAMRequest(account_id=resp.current_account, method=resp.method, path=path + ("?" + query if query else ""),
                         data=resp.data, body=resp.raw_body, headers=resp.headers, action=resp._get_action())
    permitted = False
    for policy in request._access_key.collect_policies():
        result = IAMPolicy(policy).is_action_permitted(action, resource, None, context or {})
        if result == PermissionResult.DENIED:
            permitted = False
            break
        permitted = permitted or result == PermissionResult.PERMITTED
    if not permitted:
        err = JsonRESTError("AccessDeniedException",
                            f"User: {request._access_key.arn} is not authorized to perform: {action} on resource: {resource}")
        err.code = 400
        raise err


def run_task(resp, task_definition, cluster_name):
    """RunTask's extra authorisations: PassRole for each role the tasks will have, TagResource
    when the request tags them."""
    overrides = resp._get_param("overrides") or {}
    roles = [overrides.get("taskRoleArn") or getattr(task_definition, "task_role_arn", None),
             overrides.get("executionRoleArn") or getattr(task_definition, "execution_role_arn", None)]
    for role in dict.fromkeys(r for r in roles if r):
        authorize(resp, "iam:PassRole", role, {"iam:PassedToService": "ecs-tasks.amazonaws.com"})
    if resp._get_param("tags"):
        region, account = resp.region, resp.current_account
        authorize(resp, "ecs:TagResource", f"arn:aws:ecs:{region}:{account}:task/{cluster_name}/*")


# --- IAM CreateServiceLinkedRole under enforcement: AWS authorises it on the role it creates
# (Service Authorization Reference, IAM: CreateServiceLinkedRole, resource type role) with the
# condition key iam:AWSServiceName (IAM User Guide, "Service-linked role permissions": a policy
# allowing iam:CreateServiceLinkedRole "Condition": {"StringLike": {"iam:AWSServiceName":
# "ecs.amazonaws.com"}}). moto evaluated every request against resource "*" with no condition
# values, so a policy scoped as AWS documents it could never allow the call. ---------------------
_orig_check = IAMRequest.check_action_permitted
_LINKED_ROLE_NAMES = {"ecs.amazonaws.com": "AWSServiceRoleForECS"}


def _check_action_permitted(self, resource):
    if self._action != "iam:CreateServiceLinkedRole":
        return _orig_check(self, resource)
    service = self._data.get("AWSServiceName")
    service = service[0] if isinstance(service, list) else service
    name = _LINKED_ROLE_NAMES.get(service, "AWSServiceRoleFor" + (service or "").split(".")[0])
    role = f"arn:aws:iam::{self.account_id}:role/aws-service-role/{service}/{name}"
    permitted = False
    for policy in self._access_key.collect_policies():
        result = IAMPolicy(policy).is_action_permitted(self._action, role, None, {"iam:AWSServiceName": service})
        if result == PermissionResult.DENIED:
            self._raise_access_denied()
        permitted = permitted or result == PermissionResult.PERMITTED
    if not permitted:
        self._raise_access_denied()


IAMRequest.check_action_permitted = _check_action_permitted


# --- Condition operators as the IAM User Guide defines them ("IAM JSON policy elements: Condition
# operators"): StringLike matches with the wildcards * and ? (moto ignored every operator but
# StringEquals, so any StringLike condition held); and "If the key that you specify in a policy
# condition is not present in the request context, the values do not match" (moto let a
# condition on an absent key hold), except for the ...IfExists forms. ---------------------------
def _string_like(expected, actual):
    patterns = expected if isinstance(expected, list) else [expected]
    return any(fnmatch.fnmatchcase(actual, p) for p in patterns)


policy_conditions.CONDITION_OPERATIONS["StringLike"] = _string_like
_orig_verify = policy_conditions.TrustCondition.verify_condition


def _verify_condition(self, actual_values):
    if not actual_values and not self._condition.endswith("IfExists"):
        return False
    return _orig_verify(self, actual_values)


policy_conditions.TrustCondition.verify_condition = _verify_condition
