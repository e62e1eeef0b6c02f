"""The context one scenario runs in: its servers, Envoys and clients, and where their logs go."""
import os
import time

from .envoycfg import FORMATS
from .envoyproc import Envoy
from .grpcapp import Client, OrdersServer, free_port


class Lab:
    """Owns everything a scenario starts; `close()` stops it all and gathers the logs."""

    def __init__(self, scenario, workdir, scale):
        self.scenario = scenario
        self.workdir = workdir
        self.scale = scale
        self.servers, self.envoys, self.clients = [], [], []
        self.sidecar_logs = []   # (pod name, log prefix) in the order they are merged
        self.output_sets = None  # {output name: [pod, ...]}; None: one set named after the scenario
        self.outputs = {}        # {output file name: path} copied as they are (app logs)
        os.makedirs(workdir, exist_ok=True)

    def n(self, count):
        """A traffic count scaled for the quick set (never below 1)."""
        return max(1, int(count * self.scale))

    def port(self):
        return free_port()

    def server(self, name, options=()):
        s = OrdersServer(name, os.path.join(self.workdir, f"{name}.app.log"), options).start()
        self.servers.append(s)
        return s

    def envoy(self, name, listeners, clusters):
        e = Envoy(name, self.workdir, listeners, clusters)
        self.envoys.append(e)
        return e

    def log_prefix(self, pod):
        """Where a sidecar (pod) writes its three access logs; registers it for merging."""
        prefix = os.path.join(self.workdir, f"{pod}.access")
        self.sidecar_logs.append((pod, prefix))
        return prefix

    def client(self, name, target, **kwargs):
        c = Client(name, target, os.path.join(self.workdir, f"{name}.app.log"), **kwargs)
        self.clients.append(c)
        return c

    def close(self):
        """Stops clients, then Envoys (flushing their logs), then servers. Safe to call twice."""
        for c in self.clients:
            try:
                c.close()
            except Exception:
                pass
        self.clients = []
        time.sleep(0.3)  # the file access logs flush every 100 ms
        for e in self.envoys:
            e.stop()
        self.envoys = []
        for s in self.servers:
            s.stop()
        self.servers = []

    def app_log(self, name):
        return os.path.join(self.workdir, f"{name}.app.log")

    def merged_logs(self, prefix_pods, pods=None):
        """{format: text}: every sidecar's access log of that format (or those of `pods`), one
        after the other. With prefix_pods, each line gets kubectl's `--prefix` form
        `[pod/<pod>/istio-proxy] `.
        """
        merged = {}
        for fmt in FORMATS:
            lines = []
            for pod, prefix in self.sidecar_logs:
                if pods is not None and pod not in pods:
                    continue
                path = f"{prefix}.{fmt}.log"
                if not os.path.exists(path):
                    continue
                with open(path) as f:
                    for line in f:
                        lines.append((f"[pod/{pod}/istio-proxy] " if prefix_pods else "") + line)
            merged[fmt] = "".join(lines)
        return merged
