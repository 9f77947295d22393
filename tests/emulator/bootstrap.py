"""Starts the emulator, installing it first when needed: creates a virtualenv (AWSVPC_MOTO_VENV,
else ~/.cache/awsvpc/moto-<version>-<lock digest>) with exactly the packages of
requirements.lock (each pinned with its hashes: pip's hash-checking mode), then runs launcher.py
in it with the same arguments. Concurrent first runs (parallel tests) wait on a file lock, so one
installs and the others use it. Needs only python3; used by the tests and the demo.
"""

import fcntl
import hashlib
import os
import pathlib
import subprocess
import sys
import venv

HERE = pathlib.Path(__file__).resolve().parent
REQUIREMENTS = HERE / "requirements.txt"
LOCK = HERE / "requirements.lock"
PIN = REQUIREMENTS.read_text().strip()  # moto[server]==X.Y.Z
VERSION = PIN.split("==", 1)[1]
DIGEST = hashlib.sha256(LOCK.read_bytes()).hexdigest()[:12]
if f"\nmoto=={VERSION} " not in LOCK.read_text():
    sys.exit(f"bootstrap: requirements.lock does not pin moto=={VERSION} as requirements.txt does")


def venv_dir():
    env = os.environ.get("AWSVPC_MOTO_VENV")
    if env:
        return pathlib.Path(env)
    return pathlib.Path.home() / ".cache" / "awsvpc" / f"moto-{VERSION}-{DIGEST}"


def python_of(d):
    return d / "bin" / "python"


def installed(d):
    check = f"import moto, sys; sys.exit(0 if moto.__version__ == '{VERSION}' else 1)"
    try:
        return subprocess.run([str(python_of(d)), "-c", check], stderr=subprocess.DEVNULL).returncode == 0
    except OSError:
        return False


def install(d):
    """Installs the locked packages into `d` unless they are there, one process at a time."""
    d.parent.mkdir(parents=True, exist_ok=True)
    with open(d.parent / f"{d.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if installed(d):
            return
        print(f"installing {PIN} and its locked dependencies into {d} (once)", file=sys.stderr, flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(d)
        subprocess.run([str(python_of(d)), "-m", "pip", "install", "--quiet", "--require-hashes", "-r", str(LOCK)],
                       check=True, stdout=sys.stderr)


def main():
    d = venv_dir()
    if not installed(d):
        install(d)
    os.chdir(HERE)
    # `bootstrap.py --script NAME ARGS...` runs another script of this folder in the virtualenv
    # (validate_json.py); without it, the launcher.
    args = sys.argv[1:]
    script = "launcher.py"
    if args[:1] == ["--script"] and len(args) >= 2:
        script, args = args[1], args[2:]
    os.execv(str(python_of(d)), [str(python_of(d)), str(HERE / script), *args])


if __name__ == "__main__":
    main()
