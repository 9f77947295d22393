"""Pages as AWS serves them, and, for one account at a time, the smallest pages AWS allows.

Every ECS listing pages with `maxResults` and `nextToken` (API Reference, ListTasks,
ListContainerInstances, ListClusters: 1 to 100; ListAccountSettings: 1 to 10). A client that does
not follow `nextToken` to the end reads a part only; a test switches an account to pages of one
item to show that every command follows them.
"""

from moto.ecs.exceptions import InvalidParameterException


def set_smallest_pages(backend, on=True):
    """Every paged ECS listing of this account answers one item a page."""
    backend._awsvpc_smallest_pages = on


def page(response, items, key, largest, default=None):
    """One page of `items` under `key`, honouring `maxResults` (1..largest) and `nextToken`."""
    size = response._get_int_param("maxResults", default or largest)
    if size < 1 or size > largest:
        raise InvalidParameterException(f"maxResults must be between 1 and {largest}.")
    if getattr(response.ecs_backend, "_awsvpc_smallest_pages", False):
        size = 1
    start = int(response._get_param("nextToken") or 0)
    result = {key: items[start:start + size]}
    if start + size < len(items):
        result["nextToken"] = str(start + size)
    return result
