"""Real gRPC servers and clients (grpcio, generic handlers on raw bytes: no generated code).

Service `shop.Orders`, the payload is plain bytes:
  Get             -> answers the server's identity (a UUID)
  Slow  b"<ms>"   -> sleeps that long, then answers the identity
  Fail  b"<CODE>" -> fails with that gRPC status (e.g. UNAVAILABLE, INTERNAL)
Every server logs one line per call to its own application log, every client one line per call
(which server answered, or which status it got) to its own.
"""
import socket
import threading
import time
import uuid
from concurrent import futures

import grpc

SERVICE = "shop.Orders"


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppLog:
    """A thread-safe line log of one application (a server or a client)."""

    def __init__(self, path):
        self._file = open(path, "a", buffering=1)
        self._lock = threading.Lock()

    def line(self, text):
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime()) + "Z"
        with self._lock:
            self._file.write(f"{stamp} {text}\n")

    def close(self):
        self._file.close()


class OrdersServer:
    """One gRPC server on 127.0.0.1 with its own identity."""

    def __init__(self, name, log_path, options=()):
        self.name = name
        self.identity = str(uuid.uuid4())
        self.port = free_port()
        self.log = AppLog(log_path)
        self._server = grpc.server(futures.ThreadPoolExecutor(max_workers=32), options=list(options))
        handlers = {
            "Get": grpc.unary_unary_rpc_method_handler(self._get),
            "Slow": grpc.unary_unary_rpc_method_handler(self._slow),
            "Fail": grpc.unary_unary_rpc_method_handler(self._fail),
        }
        self._server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(SERVICE, handlers),))
        self._server.add_insecure_port(f"127.0.0.1:{self.port}")

    @property
    def address(self):
        return f"127.0.0.1:{self.port}"

    def start(self):
        self._server.start()
        self.log.line(f"server {self.name} identity={self.identity} listening on {self.address}")
        return self

    def stop(self):
        self._server.stop(grace=0.2).wait(2)
        self.log.line(f"server {self.name} identity={self.identity} stopped")
        self.log.close()

    def _get(self, request, context):
        self.log.line(f"Get from {context.peer()} -> {self.identity}")
        return self.identity.encode()

    def _slow(self, request, context):
        ms = int(request or b"100")
        self.log.line(f"Slow {ms}ms from {context.peer()}")
        end = time.monotonic() + ms / 1000
        while time.monotonic() < end and context.is_active():
            time.sleep(0.01)
        if not context.is_active():
            self.log.line(f"Slow cancelled by the caller after {ms}ms budget")
        return self.identity.encode()

    def _fail(self, request, context):
        code = getattr(grpc.StatusCode, (request or b"INTERNAL").decode())
        self.log.line(f"Fail -> {code.name}")
        context.abort(code, f"lab: {code.name} on purpose")


class Client:
    """A gRPC client on one long-lived channel (one HTTP/2 connection) to `target`."""

    def __init__(self, name, target, log_path, authority=None, credentials=None, options=()):
        self.name = name
        self.log = AppLog(log_path)
        opts = list(options) + [("grpc.use_local_subchannel_pool", 1)]  # its own connection
        if authority:
            opts.append(("grpc.default_authority", authority))
        if credentials is None:
            self.channel = grpc.insecure_channel(target, options=opts)
        else:
            self.channel = grpc.secure_channel(target, credentials, options=opts)
        self.results = []

    def call(self, method="Get", payload=b"", timeout=5.0):
        """One unary call; logs and returns (status name, server identity or None)."""
        stub = self.channel.unary_unary(f"/{SERVICE}/{method}")
        try:
            answer = stub(payload, timeout=timeout).decode()
            result = ("OK", answer)
            self.log.line(f"client {self.name} {method} OK server={answer}")
        except grpc.RpcError as error:
            result = (error.code().name, None)
            self.log.line(f"client {self.name} {method} {error.code().name} {error.details()!r}")
        self.results.append(result)
        return result

    def close(self):
        self.channel.close()
        self.log.close()


def run_parallel(jobs, timeout=60):
    """Runs callables on threads; waits at most `timeout` seconds in total."""
    with futures.ThreadPoolExecutor(max_workers=max(1, len(jobs))) as pool:
        pending = [pool.submit(job) for job in jobs]
        done, not_done = futures.wait(pending, timeout=timeout)
        if not_done:
            raise TimeoutError(f"{len(not_done)} client jobs still running after {timeout}s")
        return [f.result() for f in pending]
