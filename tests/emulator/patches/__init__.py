"""Patches that make moto 5.2.5 answer as AWS does where it does not (see
../shared/notes/emulator-moto.md), one module per service. Each patch names the AWS behaviour it
restores (API reference or developer guide). The product is never shaped around moto: when moto
and AWS differ, moto is changed here. Importing this package applies them all; no moto method is
patched twice.
"""

from . import (  # noqa: F401
    accounts,
    ec2,
    ec2_endpoints,
    ecs_capacity,
    ecs_instances,
    ecs_lifecycle,
    ecs_resources,
    ecs_run_task,
    ecs_settings,
    ecs_tasks,
    iam,
    iam_extra,
    iam_simulate,
    json_denials,
    logs,
    paging,
    sts,
)
from .ecs_lifecycle import forget, set_lifecycle, settle  # noqa: F401
from .ecs_tasks import finish_stop  # noqa: F401
