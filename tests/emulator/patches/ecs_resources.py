"""ECS container-instance resources as AWS reports them on DescribeContainerInstances
(`registeredResources`, `remainingResources`; API Reference, ContainerInstance and Resource), and
what tasks take from them. moto registered 4096 CPU units and 7482 MiB on every instance type.

What the ECS agent registers (RegisterContainerInstance `totalResources`, as amazon-ecs-agent's
ECS client builds them): CPU = the instance's vCPUs x 1024 units; MEMORY = the memory the
operating system reports, in MiB, less ECS_RESERVED_MEMORY (0 unless configured); PORTS = the
agent's reserved TCP ports (22, 2375, 2376, 51678, 51679); PORTS_UDP = none. GPU instances list
their GPUs (RegisterContainerInstance `platformDevices`, type GPU), shown as a GPU resource whose
string set holds the GPU ids (ECS Developer Guide, "Amazon ECS task definitions for GPU workloads").

The memory the operating system reports is less than the instance type's: ECS Developer Guide,
"Reserving Amazon ECS Linux container instance memory": "an m4.large instance has 8 GiB of
installed memory ... the total memory for this instance is 8373026816 bytes, which translates to
7985 MiB available for tasks". The emulator applies that documented ratio (7985 of 8192 MiB, the
kernel and platform overhead, about 2.5%) to every type: MEMORY = floor(MiB x 7985 / 8192), e.g.
c5.large (4096 MiB) registers 3992 MiB, m5.large (8192 MiB) 7985 MiB.

A task takes its task-definition size from its instance's remainingResources until it stops:
task-level cpu and memory when set, else the containers' sum (memoryReservation, else memory),
host ports outside awsvpc mode (in awsvpc mode every task has an ENI of its own, so ports do not
collide), and GPUs asked for in resourceRequirements.
"""

from moto.ec2.models.instance_types import INSTANCE_TYPES

RESERVED_PORTS = ["22", "2375", "2376", "51678", "51679"]
MEMORY_RATIO = (7985, 8192)


def _resource(name, value):
    r = {"name": name, "doubleValue": 0.0, "longValue": 0, "integerValue": 0}
    if isinstance(value, list):
        r.update(type="STRINGSET", stringSetValue=list(value))
    else:
        r.update(type="INTEGER", integerValue=int(value))
    return r


def type_figures(itype):
    """(CPU units, MiB, GPU count) the agent registers for an instance type, or None if unknown."""
    info = INSTANCE_TYPES.get(itype or "")
    if not info or not info.get("VCpuInfo") or not info.get("MemoryInfo"):
        return None
    cpu = int(info["VCpuInfo"]["DefaultVCpus"]) * 1024
    mib = int(info["MemoryInfo"]["SizeInMiB"])
    memory = mib * MEMORY_RATIO[0] // MEMORY_RATIO[1]
    gpus = sum(int(g.get("Count", 0)) for g in (info.get("GpuInfo") or {}).get("Gpus", []))
    return cpu, memory, gpus


def register(ci, cpu=None, memory=None):
    """Sets the instance's registered (and, with no task yet, remaining) resources from its type;
    `cpu` / `memory` override the registered figures."""
    figures = type_figures(ci.attributes.get("ecs.instance-type")) or (4096, 7482, 0)
    cpu = figures[0] if cpu is None else int(cpu)
    memory = figures[1] if memory is None else int(memory)
    gpus = [f"GPU-{ci.ec2_instance_id[2:]}-{k}" for k in range(figures[2])]
    registered = [_resource("CPU", cpu), _resource("MEMORY", memory), _resource("PORTS", RESERVED_PORTS),
                  _resource("PORTS_UDP", [])]
    if gpus:
        registered.append(_resource("GPU", gpus))
    ci.registered_resources = registered
    ci.remaining_resources = [dict(r, stringSetValue=list(r["stringSetValue"])) if "stringSetValue" in r else dict(r)
                              for r in registered]


def _get(resources, name):
    return next((r for r in resources if r["name"] == name), None)


def set_remaining(ci, cpu=None, memory=None):
    """Overrides the remaining CPU units / MiB (scenarios: what is left after the instance's tasks)."""
    for name, value in (("CPU", cpu), ("MEMORY", memory)):
        r = _get(ci.remaining_resources, name)
        if value is not None and r is not None:
            r["integerValue"] = int(value)


def _units(value, per_unit):
    """Task-level cpu / memory: "256", "1 vCPU", "0.5 vcpu", "2 GB" (RegisterTaskDefinition)."""
    text = str(value).strip().lower()
    for suffix in ("vcpu", "gb"):
        if text.endswith(suffix):
            return int(float(text[: -len(suffix)].strip()) * per_unit)
    return int(float(text))


def task_size(td):
    """What a task of this definition takes: {"CPU", "MEMORY", "PORTS", "PORTS_UDP", "GPU"}."""
    containers = td.container_definitions
    cpu = _units(td.cpu, 1024) if td.cpu else sum(int(c.get("cpu") or 0) for c in containers)
    if td.memory:
        memory = _units(td.memory, 1024)
    else:
        memory = sum(int(c.get("memoryReservation") or c.get("memory") or 0) for c in containers)
    ports, udp = [], []
    if td.network_mode != "awsvpc":
        for c in containers:
            for m in c.get("portMappings") or []:
                if m.get("hostPort"):
                    (udp if m.get("protocol") == "udp" else ports).append(str(m["hostPort"]))
    gpu = sum(int(r["value"]) for c in containers for r in c.get("resourceRequirements") or [] if r.get("type") == "GPU")
    return {"CPU": cpu, "MEMORY": memory, "PORTS": ports, "PORTS_UDP": udp, "GPU": gpu}


def shortfall(ci, size):
    """The API failure reason for an instance that cannot take a task of `size` (RESOURCE:CPU,
    RESOURCE:MEMORY, RESOURCE:PORTS, RESOURCE:GPU: ECS Developer Guide, "Amazon ECS API failure
    reasons"), or None when it fits."""
    left = {r["name"]: r for r in ci.remaining_resources}
    for name in ("CPU", "MEMORY"):
        if name in left and size[name] > left[name]["integerValue"]:
            return f"RESOURCE:{name}"
    for name in ("PORTS", "PORTS_UDP"):
        used = set(left.get(name, {}).get("stringSetValue", []))
        if any(p in used for p in size[name]):
            return "RESOURCE:PORTS"
    if size["GPU"] and size["GPU"] > len(left.get("GPU", {}).get("stringSetValue", [])):
        return "RESOURCE:GPU"
    return None


def hold(ci, task, size):
    """The task takes `size` from the instance until it stops (see `release`). StartTask places
    where it is told, so remaining figures are kept within 0..registered."""
    if getattr(task, "_awsvpc_held", None):
        return
    left = {r["name"]: r for r in ci.remaining_resources}
    registered = {r["name"]: r for r in ci.registered_resources}
    taken = {"CPU": 0, "MEMORY": 0, "PORTS": [], "PORTS_UDP": [], "GPU": []}
    for name in ("CPU", "MEMORY"):
        if name in left:
            taken[name] = min(size[name], max(left[name]["integerValue"], 0))
            left[name]["integerValue"] -= taken[name]
    for name in ("PORTS", "PORTS_UDP"):
        if name in left:
            fresh = [p for p in size[name] if p not in left[name]["stringSetValue"]]
            left[name]["stringSetValue"] += fresh
            taken[name] = fresh
    if size["GPU"] and "GPU" in left:
        taken["GPU"] = left["GPU"]["stringSetValue"][: size["GPU"]]
        left["GPU"]["stringSetValue"] = left["GPU"]["stringSetValue"][size["GPU"]:]
    task._awsvpc_held = (ci, taken, registered)
    ci.running_tasks_count += 1


def release(task):
    """A stopped task gives back what it took."""
    held = task.__dict__.pop("_awsvpc_held", None)
    if not held:
        return
    ci, taken, registered = held
    left = {r["name"]: r for r in ci.remaining_resources}
    for name in ("CPU", "MEMORY"):
        if name in left:
            cap = registered[name]["integerValue"] if name in registered else None
            value = left[name]["integerValue"] + taken[name]
            left[name]["integerValue"] = value if cap is None else min(value, cap)
    for name in ("PORTS", "PORTS_UDP"):
        if name in left:
            left[name]["stringSetValue"] = [p for p in left[name]["stringSetValue"] if p not in taken[name]]
    if taken["GPU"] and "GPU" in left:
        left["GPU"]["stringSetValue"] += taken["GPU"]
    ci.running_tasks_count = max(ci.running_tasks_count - 1, 0)
