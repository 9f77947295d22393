"""The ECS task lifecycle by time, as the ECS Developer Guide describes it ("Amazon ECS task
lifecycle"): a task RunTask or StartTask launches is PROVISIONING (its ENI attachment PRECREATED:
"Amazon ECS has to perform additional steps before the task is launched", such as provisioning
the ENI), then PENDING (the ENI ATTACHED, waiting on the agent), then RUNNING. RunTask answers
with the first state (API Reference, RunTask: the tasks' `lastStatus`). StopTask answers with the
task as it was, `desiredStatus` STOPPED (API Reference, StopTask: "the task ... is sent a
SIGTERM"; the response's task still shows its last status); the task then passes DEACTIVATING,
STOPPING and DEPROVISIONING (its ENI attachment DETACHING, DETACHED) to STOPPED, and only then is
the ENI deleted and the attachment DELETED ("DEPROVISIONING: Amazon ECS has to perform additional
steps after the task has stopped but before the task transitions into the STOPPED state. For
example, for tasks that use the awsvpc network mode, the elastic network interface needs to be
detached and deleted.").

moto made every task RUNNING at once and stopped it at once. Here each state lasts a number of
seconds: zero by default (a task moves on at the next request after the answer that showed it, so
tests stay fast), set per account with `set_lifecycle` (the launcher's /_awsvpc/lifecycle):

  {"step_secs": s}                     every step of both lifecycles lasts s seconds
  {"steps": [[status, attachment, secs], ..., [last, attachment]]}   the launch lifecycle
  {"stop": {"after_secs": s, "stop_code": c, "reason": r}}    launched tasks stop by themselves
  {"stop_steps": [[status, attachment, secs], ..., ["STOPPED", "DELETED"]]}   StopTask's lifecycle

States are applied when their time has come, before the emulator answers any request (`settle`,
called by the launcher), so EC2 sees the ENI deleted when the task reaches STOPPED whichever
service is asked first.
"""

import datetime
import threading
import time

from moto.ecs import models as ecs_models
from moto.ecs.models import ecs_backends

LAUNCH = [["PROVISIONING", "PRECREATED"], ["PENDING", "ATTACHED"], ["RUNNING", "ATTACHED"]]
STOP = [["DEACTIVATING", "ATTACHED"], ["STOPPING", "DETACHING"], ["DEPROVISIONING", "DETACHED"], ["STOPPED", "DELETED"]]

_lock = threading.RLock()
_pending = {}  # task ARN -> task with states still to come


def set_lifecycle(account, region, config):
    ecs_backends[account][region]._awsvpc_lifecycle = dict(config)


def lifecycle_of(backend):
    return getattr(backend, "_awsvpc_lifecycle", None) or {}


def _schedule(steps, default_secs, start):
    """[(at, status, attachment)]: each step begins when the one before has lasted its seconds."""
    out, at = [], start
    for step in steps:
        status, attachment = step[0], step[1]
        out.append((at, status, attachment))
        at += float(step[2]) if len(step) > 2 else default_secs
    return out


def _apply(task, status, attachment):
    task.last_status = status
    for att in task.attachments:
        if att.get("type") == "ElasticNetworkInterface" and att.get("status") != "DELETED":
            att["status"] = attachment


def launched(backend, task):
    """A task RunTask or StartTask just placed: its first state now, the others by time."""
    config = lifecycle_of(backend)
    secs = float(config.get("step_secs", 0))
    now = time.monotonic()
    with _lock:
        task._awsvpc_schedule = _schedule(config.get("steps") or LAUNCH, secs, now)
        stop = config.get("stop")
        task._awsvpc_stop_at = (now + float(stop.get("after_secs", 0)), stop) if stop else None
        task._awsvpc_final = None
        _, status, attachment = task._awsvpc_schedule.pop(0)
        _apply(task, status, attachment)
        _pending[task.task_arn] = task


def stopping(backend, task, reason):
    """StopTask: desired STOPPED now, the task's own states by time from the next request on."""
    from .ecs_tasks import finish_stop

    config = lifecycle_of(backend)
    secs = float(config.get("step_secs", 0))
    with _lock:
        task.desired_status = "STOPPED"
        task.stopped_reason = reason or "Task stopped by user"
        task.stopping_at = getattr(task, "stopping_at", None) or datetime.datetime.now(datetime.timezone.utc)
        if task.last_status == "STOPPED":
            return
        if task.last_status == "PROVISIONING" and getattr(task, "_awsvpc_waiting", False):
            # A task waiting for capacity was never placed: nothing to deactivate.
            finish_stop(task, "UserInitiated", task.stopped_reason)
            _pending.pop(task.task_arn, None)
            return
        task._awsvpc_schedule = _schedule(config.get("stop_steps") or STOP, secs, time.monotonic())
        task._awsvpc_stop_at = None
        task._awsvpc_final = ("UserInitiated", task.stopped_reason)
        _pending[task.task_arn] = task


def forget(task):
    """A task whose state a test sets by hand (the launcher's /_awsvpc/task) stops moving."""
    with _lock:
        task._awsvpc_schedule = []
        task._awsvpc_stop_at = None
        _pending.pop(task.task_arn, None)


def _step(task, now):
    """Applies every state whose time has come; True when nothing is left to come."""
    from .ecs_tasks import finish_stop

    stop_at = getattr(task, "_awsvpc_stop_at", None)
    schedule = getattr(task, "_awsvpc_schedule", [])
    # Strictly before now: a state due at the instant of an answer shows from the next request.
    while schedule and schedule[0][0] < now:
        if stop_at and stop_at[0] <= schedule[0][0]:
            break
        _, status, attachment = schedule.pop(0)
        if status == "STOPPED" and getattr(task, "_awsvpc_final", None):
            finish_stop(task, *task._awsvpc_final)
            return True
        _apply(task, status, attachment)
    if stop_at and stop_at[0] < now:
        _, stop = stop_at
        finish_stop(task, stop.get("stop_code", "TaskFailedToStart"), stop.get("reason", ""))
        task._awsvpc_schedule = []
        return True
    return not schedule and not stop_at


def settle():
    """Every pending task takes the states whose time has come (before each answer)."""
    now = time.monotonic()
    with _lock:
        for arn, task in list(_pending.items()):
            if task.last_status == "STOPPED" and task.desired_status == "STOPPED":
                _pending.pop(arn, None)
            elif _step(task, now):
                _pending.pop(arn, None)


def _stop_task(self, cluster_str, task_str, reason):
    from .ecs_tasks import _find_task

    task = _find_task(self, cluster_str, task_str)
    stopping(self, task, reason)
    return task


ecs_models.EC2ContainerServiceBackend.stop_task = _stop_task
