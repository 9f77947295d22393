"""ECS account settings (ECS Developer Guide, "Amazon ECS account settings"; API Reference,
PutAccountSetting, PutAccountSettingDefault, ListAccountSettings): per principal, an account
default, and the effective value for a principal. Long ARN formats follow the account default."""

from moto.core.exceptions import JsonRESTError
from moto.core.responses import ActionResult
from moto.ecs import models as ecs_models
from moto.ecs import responses as ecs_responses
from moto.ecs.exceptions import InvalidParameterException

from .paging import page

# --- ECS account settings: per principal (PutAccountSetting with principalArn, else the caller),
# an account default (PutAccountSettingDefault), and ListAccountSettings with effectiveSettings
# giving what is in force for a principal: its own value, else the default, else AWS's default.
#
# The 12 setting names (API Reference, Setting.name / SettingName), in an order that is not
# alphabetical and puts the two awsvpc settings last: AWS documents no order, and answers at most
# 10 settings a page (ListAccountSettings, maxResults: "If this parameter is not used, then
# ListAccountSettings returns up to 10 results and a nextToken value if applicable"). Values of
# the settings awsvpc does not read are placeholders.
AWS_SETTING_DEFAULTS = {
    "serviceLongArnFormat": "enabled",
    "taskLongArnFormat": "enabled",
    "containerInstanceLongArnFormat": "enabled",
    "containerInsights": "disabled",
    "fargateFIPSMode": "disabled",
    "tagResourceAuthorization": "on",
    "fargateTaskRetirementWaitPeriod": "7",
    "guardDutyActivate": "off",
    "defaultLogDriverMode": "blocking",
    "fargateEventWindows": "disabled",
    "awsvpcTrunking": "disabled",
    "dualStackIPv6": "enabled",
}
CALLER = "__caller__"


def _store(backend):
    if not hasattr(backend, "_awsvpc_settings"):
        backend._awsvpc_settings = {}  # principal or None (account default) -> {name: value}
    return backend._awsvpc_settings


def _caller_arn(self):
    return f"arn:aws:iam::{self.current_account}:user/moto"


def _put_account_setting(self):
    name, value = self._get_param("name"), self._get_param("value")
    if name not in AWS_SETTING_DEFAULTS:
        raise InvalidParameterException(f"Invalid account setting name: {name}")
    principal = self._get_param("principalArn") or CALLER
    _store(self.ecs_backend).setdefault(principal, {})[name] = value
    shown = _caller_arn(self) if principal == CALLER else principal
    return ActionResult({"setting": {"name": name, "value": value, "principalArn": shown, "type": "user"}})


def _put_account_setting_default(self):
    name, value = self._get_param("name"), self._get_param("value")
    if name not in AWS_SETTING_DEFAULTS:
        raise InvalidParameterException(f"Invalid account setting name: {name}")
    _store(self.ecs_backend).setdefault(None, {})[name] = value
    root = f"arn:aws:iam::{self.current_account}:root"
    return ActionResult({"setting": {"name": name, "value": value, "principalArn": root, "type": "user"}})


def _root(self):
    return f"arn:aws:iam::{self.current_account}:root"


# Reading another principal's settings: "In order to use this parameter, you must be the root
# user, or the principal" (API Reference, ListAccountSettings and PutAccountSetting,
# principalArn). The emulator's caller is an IAM user (user/moto), neither the root user nor the
# roles it names, so by default ListAccountSettings refuses any principalArn but the caller's
# own, the account root's included. An account opts in (scenario param "allow_principals") to
# have its caller treated as the root user would be. AWS does not document the refusal's error
# code: AccessDeniedException unless a scenario picks another (param "refusal_code"), HTTP 400.
# PutAccountSetting with principalArn is not refused: the seeds and `check --fix` write through it.
REFUSAL_CODES = ("AccessDeniedException", "ClientException", "InvalidParameterException")
_allowed = set()  # accounts whose caller may read every principal's settings
_codes = {}  # account -> the refusal's error code


def allow_principals(account, allow=True):
    if allow:
        _allowed.add(account)
    else:
        _allowed.discard(account)


def set_refusal_code(account, code):
    if code not in REFUSAL_CODES:
        raise ValueError(f"refusal_code must be one of {REFUSAL_CODES}, not {code!r}")
    _codes[account] = code


def refuse_other_principals(account):
    """The default: kept for scenarios that still ask for it."""
    allow_principals(account, False)


def _own(self, arn):
    """The caller's own ARN (as ListAccountSettings and GetCallerIdentity name it: see sts.py)."""
    return arn == _caller_arn(self)


def _list_account_settings(self):
    store = _store(self.ecs_backend)
    name = self._get_param("name")
    asked = self._get_param("principalArn")
    if asked and not _own(self, asked) and self.current_account not in _allowed:
        err = JsonRESTError(
            _codes.get(self.current_account, "AccessDeniedException"),
            "You must be the root user or the principal to list the account settings of another principal.",
        )
        err.code = 400
        raise err
    # The account root's settings are the account default (PutAccountSettingDefault).
    principal = None if asked == _root(self) else (asked or CALLER)
    effective = str(self._get_param("effectiveSettings", False)).lower() == "true"
    shown = _caller_arn(self) if principal == CALLER else (principal or _root(self))
    names = [name] if name else list(AWS_SETTING_DEFAULTS)
    out = []
    for n in names:
        own = store.get(principal, {}).get(n)
        default = store.get(None, {}).get(n)
        if own is not None:
            out.append({"name": n, "value": own, "principalArn": shown, "type": "user"})
        elif effective:
            value = default if default is not None else AWS_SETTING_DEFAULTS.get(n, "disabled")
            out.append({"name": n, "value": value, "principalArn": _root(self),
                        "type": "user" if default is not None else "aws_managed"})
    return ActionResult(page(self, out, "settings", 10))


ecs_responses.EC2ContainerServiceResponse.put_account_setting = _put_account_setting
ecs_responses.EC2ContainerServiceResponse.put_account_setting_default = _put_account_setting_default
ecs_responses.EC2ContainerServiceResponse.list_account_settings = _list_account_settings


# Long ARN formats: the default is "enabled" (moto: only when set), unless the account default
# says "disabled".
def _long_arn_from_store(self, name):
    value = getattr(self, "_awsvpc_settings", {}).get(None, {}).get(name)
    return value != "disabled"


ecs_models.EC2ContainerServiceBackend.enable_long_arn_for_name = _long_arn_from_store
