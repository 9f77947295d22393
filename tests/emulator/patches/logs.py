"""CloudWatch Logs DescribeLogGroups as the CloudWatch Logs API Reference describes it
(DescribeLogGroups). What moto already did right (left alone): logGroupNamePrefix, results
ASCII-sorted by name, `limit` at most 50 (default 50) with `nextToken`, `arn` ending in `:*` and
`logGroupArn` without it, CreateLogGroup (ResourceAlreadyExistsException for a second one).

moto ignored `logGroupNamePattern` ("If you specify a string for this parameter, the operation
returns only log groups that have names that match the string based on a case-sensitive substring
search"), `logGroupIdentifiers` ("Use this array to filter the list of log groups returned ...
you can specify log group names or ARNs"; 1-50 of them) and the rules that `logGroupNamePrefix`
and `logGroupNamePattern` are mutually exclusive and that with `logGroupIdentifiers` "the only
other filter that you can choose to specify is includeLinkedAccounts" (InvalidParameterException);
it accepted `limit` 0. An account switched to the smallest pages (paging.py) gets one log group a
page.
"""

import json

from moto.logs.exceptions import InvalidParameterException
from moto.logs.responses import LogsResponse

from .paging import smallest_for_account


def _identifier_names(identifiers):
    names = set()
    for ident in identifiers:
        if ident.startswith("arn:") and ":log-group:" in ident:
            ident = ident.split(":log-group:", 1)[1]
            if ident.endswith(":*"):
                ident = ident[:-2]
        names.add(ident)
    return names


def _describe_log_groups(self):
    prefix = self._get_param("logGroupNamePrefix")
    pattern = self._get_param("logGroupNamePattern")
    identifiers = self._get_param("logGroupIdentifiers")
    log_class = self._get_param("logGroupClass")
    limit = self._get_param("limit", 50)
    if not 1 <= int(limit) <= 50:
        bound = "greater than or equal to 1" if int(limit) < 1 else "less than or equal to 50"
        raise InvalidParameterException(constraint=f"Member must have value {bound}", parameter="limit", value=limit)
    if prefix and pattern:
        raise InvalidParameterException("LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.")
    if identifiers and (prefix or pattern):
        raise InvalidParameterException("LogGroupIdentifiers is mutually exclusive with LogGroupNamePrefix and LogGroupNamePattern.")
    groups = sorted(self.logs_backend.groups.values(), key=lambda g: g.name)
    if identifiers:
        wanted = _identifier_names(identifiers)
        groups = [g for g in groups if g.name in wanted]
    if prefix:
        groups = [g for g in groups if g.name.startswith(prefix)]
    if pattern:
        groups = [g for g in groups if pattern in g.name]
    if log_class:
        groups = [g for g in groups if (getattr(g, "log_group_class", None) or "STANDARD") == log_class]
    if smallest_for_account(self.current_account, self.region):
        limit = 1
    start = int(self._get_param("nextToken") or 0)
    page = groups[start:start + int(limit)]
    result = {"logGroups": [g.to_describe_dict() for g in page]}
    if start + int(limit) < len(groups):
        result["nextToken"] = str(start + int(limit))
    return json.dumps(result)


LogsResponse.describe_log_groups = _describe_log_groups
