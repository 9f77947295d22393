"""IAM SimulatePrincipalPolicy (IAM API Reference, SimulatePrincipalPolicy, EvaluationResult,
ResourceSpecificResult; IAM User Guide, "Policy evaluation logic"). moto did not implement it
(HTTP 500, "The simulate_principal_policy action has not been implemented").

What is evaluated: the identity-based policies of the PolicySourceArn principal (a role: its
inline and attached managed policies; a user: its own and its groups'; a group: its own), plus
PolicyInputList, less PolicyExclusionList (policy names or ARNs), within the principal's
permissions boundary (or PermissionsBoundaryPolicyInputList, which replaces it). For each action
and resource: an explicit Deny in any matching statement wins ("explicitDeny"), else a matching
Allow gives "allowed", else "implicitDeny". Action and NotAction match case-insensitively with the
`*` and `?` wildcards, Resource and NotResource case-sensitively; a resource not given is "*"
("If this parameter is not provided, then the value defaults to * (all resources)"), which a
statement scoped to specific ARNs does not match. Conditions are read from ContextEntries for the
operators String*, Arn*, Bool, Numeric* and Null, with ...IfExists and ForAnyValue: /
ForAllValues:; a key that is not given makes a condition false (true for the negated operators,
"If the policy condition requires that the key is not matched, such as StringNotLike ... and the
right key is not present, the condition is true": IAM User Guide, "IAM JSON policy elements:
Condition operators") and is listed in MissingContextValues; any other operator never matches.
Not modelled: resource-based policies (ResourcePolicy), SCPs, policy variables, statement
positions in MatchedStatements.

Shape, as the current API Reference describes it: one EvaluationResult per action, "regardless of
how many resource ARNs are provided", whose EvalDecision "reflects the most restrictive decision
across all resources" and whose EvalResourceName is "The ARN template for the simulated resource
type ... or * if no ARN format is defined"; with ResourceArns, ResourceSpecificResults has one
entry per resource (EvalResourceName the ARN, EvalResourceDecision). An account can be switched
(set_mode, "legacy") to the older behaviour, one EvaluationResult per action and resource with
EvalResourceName the resource. Paging: MaxItems (1-1000, default 100), Marker, IsTruncated; one
result a page for an account switched to the smallest pages.

An account can also be switched to refuse the call, as AWS refuses a caller whose policies do not
allow iam:SimulatePrincipalPolicy (HTTP 403, AccessDenied, "User: ARN is not authorized to perform:
iam:SimulatePrincipalPolicy on resource: ARN because no identity-based policy allows the
iam:SimulatePrincipalPolicy action"), so that a client's fallback can be tested.
"""

import json
import re

from moto.core.exceptions import AccessDeniedError
from moto.core.responses import ActionResult
from moto.iam.exceptions import IAMException, NotFoundException
from moto.iam.responses import IamResponse

from .paging import smallest_for_account

_modes = {}  # account -> {"refused": bool, "legacy": bool}


def set_mode(account, refused=None, legacy=None):
    """Per account: `refused` makes SimulatePrincipalPolicy answer AccessDenied; `legacy` answers
    one EvaluationResult per action and resource."""
    mode = _modes.setdefault(account, {"refused": False, "legacy": False})
    if refused is not None:
        mode["refused"] = bool(refused)
    if legacy is not None:
        mode["legacy"] = bool(legacy)


class InvalidInput(IAMException):
    code = "InvalidInput"


def _glob(pattern, value, ignore_case=False):
    rx = "".join(".*" if ch == "*" else "." if ch == "?" else re.escape(ch) for ch in str(pattern))
    return re.fullmatch(rx, value, (re.IGNORECASE | re.DOTALL) if ignore_case else re.DOTALL) is not None


def _list(v):
    return v if isinstance(v, list) else [v]


def _num(a, e, cmp):
    try:
        return cmp(float(a), float(e))
    except ValueError:
        return False


OPS = {
    "StringEquals": lambda a, e: a == e,
    "StringEqualsIgnoreCase": lambda a, e: a.lower() == e.lower(),
    "StringLike": lambda a, e: _glob(e, a),
    "ArnEquals": lambda a, e: _glob(e, a),
    "ArnLike": lambda a, e: _glob(e, a),
    "Bool": lambda a, e: a.lower() == e.lower(),
    "NumericEquals": lambda a, e: _num(a, e, float.__eq__),
    "NumericLessThan": lambda a, e: _num(a, e, float.__lt__),
    "NumericLessThanEquals": lambda a, e: _num(a, e, float.__le__),
    "NumericGreaterThan": lambda a, e: _num(a, e, float.__gt__),
    "NumericGreaterThanEquals": lambda a, e: _num(a, e, float.__ge__),
}
NEGATED = {"StringNotEquals": "StringEquals", "StringNotEqualsIgnoreCase": "StringEqualsIgnoreCase",
           "StringNotLike": "StringLike", "ArnNotEquals": "ArnEquals", "ArnNotLike": "ArnLike",
           "NumericNotEquals": "NumericEquals"}


def _conditions(cond, ctx, missing):
    for op, block in (cond or {}).items():
        qualifier, base = op.split(":", 1) if ":" in op else (None, op)
        if_exists = base.endswith("IfExists")
        base = base[:-len("IfExists")] if if_exists else base
        for key, expected in block.items():
            expected = [str(x) for x in _list(expected)]
            actual = ctx.get(key.lower())
            if base == "Null":
                if (actual is None) != (expected[0].lower() == "true"):
                    return False
                continue
            if actual is None:
                if if_exists or qualifier == "ForAllValues":
                    continue
                missing.add(key)
                if base in NEGATED:
                    continue
                return False
            fn = OPS.get(NEGATED.get(base, base))
            if fn is None:
                return False
            hits = [any(fn(a, e) for e in expected) for a in actual]
            ok = all(hits) if qualifier == "ForAllValues" else any(hits)
            if base in NEGATED:
                ok = not any(hits)
            if not ok:
                return False
    return True


def _matches(st, action, resource, ctx, missing):
    if "Action" in st:
        if not any(_glob(a, action, ignore_case=True) for a in _list(st["Action"])):
            return False
    elif "NotAction" in st:
        if any(_glob(a, action, ignore_case=True) for a in _list(st["NotAction"])):
            return False
    else:
        return False
    if "Resource" in st and not any(_glob(r, resource) for r in _list(st["Resource"])):
        return False
    if "NotResource" in st and any(_glob(r, resource) for r in _list(st["NotResource"])):
        return False
    return _conditions(st.get("Condition"), ctx, missing)


def _decide(policies, action, resource, ctx):
    deny, allow, missing = [], [], set()
    for pid, ptype, doc in policies:
        for st in _list(doc.get("Statement", [])):
            if isinstance(st, dict) and _matches(st, action, resource, ctx, missing):
                ref = {"SourcePolicyId": pid, "SourcePolicyType": ptype}
                (deny if st.get("Effect") == "Deny" else allow).append(ref)
    if deny:
        return "explicitDeny", deny, missing
    return ("allowed", allow, missing) if allow else ("implicitDeny", [], missing)


def _document(text):
    from urllib.parse import unquote

    text = text if isinstance(text, str) else json.dumps(text)
    try:
        return json.loads(text)
    except ValueError:
        return json.loads(unquote(text))


def _default_version(policy):
    return next(v.document for v in policy.versions if v.is_default)


def _managed(policies):
    return [(p.name, "aws-managed" if ":iam::aws:policy/" in p.arn else "user-managed", _document(_default_version(p)))
            for p in policies.values()]


def _principal(backend, arn):
    """(policies, boundary document or None) of a role, user or group ARN."""
    m = re.fullmatch(r"arn:[^:]+:iam::(\d{12}):(role|user|group)/(?:.*/)?([^/]+)", arn or "")
    if not m:
        raise InvalidInput(f"Invalid ARN: {arn}")
    kind, name = m.group(2), m.group(3)
    if kind == "role":
        role = next((r for r in backend.roles.values() if r.arn == arn), None)
        if role is None:
            raise NotFoundException(f"The role with name {name} cannot be found.")
        policies = [(n, "role", _document(d)) for n, d in role.policies.items()] + _managed(role.managed_policies)
        boundary = None
        if role.permissions_boundary_arn:
            boundary = _document(_default_version(backend.get_policy(role.permissions_boundary_arn)))
        return policies, boundary
    if kind == "user":
        user = backend.get_user(name)
        policies = [(n, "user", _document(d)) for n, d in user.policies.items()] + _managed(user.managed_policies)
        for group in backend.get_groups_for_user(name):
            policies += [(n, "group", _document(d)) for n, d in group.policies.items()] + _managed(group.managed_policies)
        return policies, None
    group = backend.get_group(name)
    return [(n, "group", _document(d)) for n, d in group.policies.items()] + _managed(group.managed_policies), None


TEMPLATES = [  # Service Authorization Reference, resource types (ARN templates)
    (r"arn:[^:]+:logs:[^:]*:[^:]*:log-group:.+:log-stream:.*",
     "arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}"),
    (r"arn:[^:]+:logs:[^:]*:[^:]*:log-group:.*", "arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}"),
    (r"arn:[^:]+:ecr:[^:]*:[^:]*:repository/.*", "arn:${Partition}:ecr:${Region}:${Account}:repository/${RepositoryName}"),
    (r"arn:[^:]+:secretsmanager:[^:]*:[^:]*:secret:.*", "arn:${Partition}:secretsmanager:${Region}:${Account}:secret:${SecretId}"),
    (r"arn:[^:]+:ssm:[^:]*:[^:]*:parameter/.*",
     "arn:${Partition}:ssm:${Region}:${Account}:parameter/${ParameterNameWithoutLeadingSlash}"),
    (r"arn:[^:]+:kms:[^:]*:[^:]*:key/.*", "arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}"),
    (r"arn:[^:]+:s3:::[^/]+/.*", "arn:${Partition}:s3:::${BucketName}/${KeyName}"),
]


def _template(resources):
    for rx, template in TEMPLATES:
        if resources and all(re.fullmatch(rx, r) for r in resources):
            return template
    return "*"


RANK = {"allowed": 0, "implicitDeny": 1, "explicitDeny": 2}


def _evaluate(policies, boundary, action, resource, ctx):
    decision, matched, missing = _decide(policies, action, resource, ctx)
    detail = None
    if boundary is not None:
        bdecision, _, bmissing = _decide([("PermissionsBoundary", "none", boundary)], action, resource, ctx)
        missing |= bmissing
        detail = {"AllowedByPermissionsBoundary": bdecision == "allowed"}
        if bdecision == "explicitDeny":
            decision, matched = "explicitDeny", []
        elif bdecision != "allowed" and decision == "allowed":
            decision, matched = "implicitDeny", []
    return decision, matched, sorted(missing), detail


def _results(policies, boundary, actions, resources, ctx, legacy):
    given = bool(resources)
    resources = resources or ["*"]
    out = []
    for action in actions:
        per = [(r, *_evaluate(policies, boundary, action, r, ctx)) for r in resources]
        specific = []
        for r, decision, matched, missing, detail in per:
            item = {"EvalResourceName": r, "EvalResourceDecision": decision, "MatchedStatements": matched,
                    "MissingContextValues": missing}
            if detail is not None:
                item["PermissionsBoundaryDecisionDetail"] = detail
            specific.append(item)
        if legacy:
            for (r, decision, matched, missing, detail), item in zip(per, specific):
                res = {"EvalActionName": action, "EvalResourceName": r, "EvalDecision": decision, "MatchedStatements": matched,
                       "MissingContextValues": [] if given else missing, "ResourceSpecificResults": [item] if given else []}
                if detail is not None:
                    res["PermissionsBoundaryDecisionDetail"] = detail
                out.append(res)
            continue
        top = max((p[1] for p in per), key=RANK.get)
        matched = []
        for p in per:
            if p[1] == top:
                matched += [m for m in p[2] if m not in matched]
        res = {"EvalActionName": action, "EvalResourceName": _template(resources) if given else "*", "EvalDecision": top,
               "MatchedStatements": matched,
               "MissingContextValues": sorted({k for p in per for k in p[3]}),
               "ResourceSpecificResults": specific if given else []}
        details = [p[4] for p in per if p[4] is not None]
        if details:
            res["PermissionsBoundaryDecisionDetail"] = {"AllowedByPermissionsBoundary": all(d["AllowedByPermissionsBoundary"]
                                                                                         for d in details)}
        out.append(res)
    return out


def _simulate_principal_policy(self):
    account = self.current_account
    source = self._get_param("PolicySourceArn")
    if _modes.get(account, {}).get("refused"):
        caller = f"arn:{self.partition}:iam::{account}:user/moto"
        raise AccessDeniedError(user_arn=caller, action=f"iam:SimulatePrincipalPolicy on resource: {source} because no "
                                                        "identity-based policy allows the iam:SimulatePrincipalPolicy action")
    actions = self._get_param("ActionNames") or []
    if not actions:
        raise InvalidInput("ActionNames must contain at least one action.")
    resources = self._get_param("ResourceArns") or []
    ctx = {}
    for entry in self._get_param("ContextEntries") or []:
        ctx[entry["ContextKeyName"].lower()] = [str(v) for v in entry.get("ContextKeyValues") or []]
    policies, boundary = _principal(self.backend, source)
    excluded = set(self._get_param("PolicyExclusionList") or [])
    policies = [p for p in policies if p[0] not in excluded and not any(x.endswith("/" + p[0]) for x in excluded)]
    for k, text in enumerate(self._get_param("PolicyInputList") or [], start=1):
        policies.append((f"PolicyInputList.{k}", "none", _document(text)))
    boundaries = self._get_param("PermissionsBoundaryPolicyInputList") or []
    if boundaries:
        boundary = _document(boundaries[0])
    results = _results(policies, boundary, actions, resources, ctx, _modes.get(account, {}).get("legacy", False))
    size = self._get_int_param("MaxItems", 100)
    if not 1 <= size <= 1000:
        raise InvalidInput("MaxItems must be between 1 and 1000.")
    if smallest_for_account(account):
        size = 1
    start = int(self._get_param("Marker") or 0)
    page = {"EvaluationResults": results[start:start + size], "IsTruncated": start + size < len(results)}
    if page["IsTruncated"]:
        page["Marker"] = str(start + size)
    return ActionResult(page)


IamResponse.simulate_principal_policy = _simulate_principal_policy
