"""The scenarios: each starts what it needs, drives bounded loopback traffic, and names the
finding meshlog should put first (None: healthy, no warning or critical finding)."""
import socket
import time

from . import envoycfg as cfg
from .grpcapp import run_parallel

AUTHORITY = "orders.shop.svc.cluster.local:50051"
SCENARIOS = {}


def scenario(name, expect, quick=True, prefix_pods=False, notes=""):
    """Registers a scenario. expect: the finding id meshlog must rank first."""
    def register(fn):
        SCENARIOS[name] = {"name": name, "run": fn, "expect": expect, "quick": quick,
                           "prefix_pods": prefix_pods, "notes": notes or (fn.__doc__ or "").strip()}
        return fn
    return register


# --- topologies -------------------------------------------------------------------------------

def client_sidecar(lab, endpoints, route=None, cluster_extra=None, protocol_options=None, filters=(),
                   virtual_hosts=None, pod="client", extra_clusters=()):
    """The client's sidecar: an outbound listener routing to `outbound|50051||orders…`."""
    address = f"127.0.0.1:{lab.port()}"
    vhosts = virtual_hosts or [cfg.virtual_host([route or cfg.route(cfg.OUTBOUND)],
                                                domains=[AUTHORITY, "orders", "orders:50051", "*"])]
    listener = cfg.http_listener("0.0.0.0_50051", address, vhosts, lab.log_prefix(pod), http_filters=filters)
    clusters = [cfg.cluster(cfg.OUTBOUND, endpoints, extra=cluster_extra, protocol_options=protocol_options)]
    lab.envoy(f"{pod}-sidecar", [listener], clusters + list(extra_clusters))
    return address


def server_sidecar(lab, server, filters=(), pod="orders", route=None, hcm_extra=None):
    """The server pod's sidecar: an inbound listener routing to `inbound|50051||` (the local app)."""
    address = f"127.0.0.1:{lab.port()}"
    vhosts = [cfg.virtual_host([route or cfg.route(cfg.INBOUND, retry=None)], name="inbound|http|50051")]
    listener = cfg.http_listener("virtualInbound", address, vhosts, lab.log_prefix(pod), http_filters=filters,
                                 stat_prefix="inbound_0.0.0.0_50051", hcm_extra=hcm_extra)
    lab.envoy(f"{pod}-sidecar", [listener], [cfg.cluster(cfg.INBOUND, [server.address])])
    return address


def closed_port_address():
    """An address on 127.0.0.1 where nothing listens (connect: refused)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"127.0.0.1:{s.getsockname()[1]}"


def calls(client, count, method="Get", payload=b"", timeout=5.0):
    return [client.call(method, payload, timeout) for _ in range(count)]


# --- the scenarios ----------------------------------------------------------------------------

@scenario("healthy", expect=None)
def healthy(lab):
    """Three servers behind the client's sidecar; every call succeeds."""
    servers = [lab.server(f"orders-{i}") for i in range(3)]
    target = client_sidecar(lab, [s.address for s in servers])
    clients = [lab.client(f"client-{i}", target, authority=AUTHORITY) for i in range(2)]
    run_parallel([lambda c=c: calls(c, lab.n(60)) for c in clients])
    run_parallel([lambda c=c: calls(c, lab.n(20), "Slow", b"20") for c in clients])


@scenario("circuit-breaker-overflow", expect="circuit-breaker-overflow")
def circuit_breaker_overflow(lab):
    """max_requests 2 on the outbound cluster, 12 concurrent slow calls at a time."""
    server = lab.server("orders-0")
    breakers = {"circuit_breakers": {"thresholds": [{"max_requests": 2, "max_pending_requests": 2,
                                                      "max_retries": 2}]}}
    target = client_sidecar(lab, [server.address], cluster_extra=breakers)
    clients = [lab.client(f"client-{i}", target, authority=AUTHORITY) for i in range(12)]
    for _ in range(lab.n(4)):
        run_parallel([lambda c=c: c.call("Slow", b"200") for c in clients])


@scenario("connect-refused-masked", expect=None, quick=False)
def connect_refused_masked(lab):
    """One of two endpoints refuses connections; Istio's retries (previous_hosts) hide it."""
    server = lab.server("orders-0")
    target = client_sidecar(lab, [server.address, closed_port_address()])
    client = lab.client("client-0", target, authority=AUTHORITY)
    calls(client, lab.n(60))


@scenario("upstream-connect-failure", expect="upstream-connect-failure")
def connect_refused_all(lab):
    """Every endpoint refuses: the retries are used up (UF,URX)."""
    target = client_sidecar(lab, [closed_port_address(), closed_port_address()])
    client = lab.client("client-0", target, authority=AUTHORITY)
    calls(client, lab.n(30))


@scenario("upstream-timeout", expect="upstream-timeout")
def route_timeout(lab):
    """Route timeout 150 ms; a third of the calls take 400 ms."""
    server = lab.server("orders-0")
    target = client_sidecar(lab, [server.address], route=cfg.route(cfg.OUTBOUND, timeout="0.15s"))
    client = lab.client("client-0", target, authority=AUTHORITY)
    for _ in range(lab.n(15)):
        client.call("Slow", b"400")
        client.call("Get")
        client.call("Get")


@scenario("per-try-timeout", expect="upstream-timeout")
def per_try_timeout(lab):
    """Per-try timeout 100 ms, 2 retries on the timeout (retry_on 5xx); some calls take 300 ms."""
    server = lab.server("orders-0")
    retry = dict(cfg.ISTIO_RETRY, retry_on="5xx,connect-failure", per_try_timeout="0.1s")
    target = client_sidecar(lab, [server.address], route=cfg.route(cfg.OUTBOUND, retry=retry))
    client = lab.client("client-0", target, authority=AUTHORITY)
    for _ in range(lab.n(15)):
        client.call("Slow", b"300")
        client.call("Get")


@scenario("retries-exhausted", expect="retries-exhausted")
def retries_exhausted(lab):
    """The app answers UNAVAILABLE every time; Istio's retry policy retries it twice."""
    servers = [lab.server(f"orders-{i}") for i in range(2)]
    target = client_sidecar(lab, [s.address for s in servers])
    client = lab.client("client-0", target, authority=AUTHORITY)
    for _ in range(lab.n(20)):
        client.call("Fail", b"UNAVAILABLE")
        client.call("Get")


@scenario("no-healthy-upstream", expect="no-healthy-upstream")
def no_healthy_upstream(lab):
    """Active TCP health checks against a port nothing listens on: every host unhealthy, no panic."""
    server = lab.server("orders-0")
    dead = int(closed_port_address().rsplit(":", 1)[1])
    health = {"health_checks": [{"timeout": "0.2s", "interval": "0.2s", "unhealthy_threshold": 1,
                                 "healthy_threshold": 1, "tcp_health_check": {},
                                 "always_log_health_check_failures": False}],
              "common_lb_config": {"healthy_panic_threshold": {"value": 0}}}
    lb = cfg.cluster(cfg.OUTBOUND, [server.address])["load_assignment"]
    lb["endpoints"][0]["lb_endpoints"][0]["endpoint"]["health_check_config"] = {"port_value": dead}
    health["load_assignment"] = lb
    target = client_sidecar(lab, [server.address], cluster_extra=health)
    time.sleep(0.5)
    client = lab.client("client-0", target, authority=AUTHORITY)
    calls(client, lab.n(40))


@scenario("no-route", expect="no-route")
def no_route(lab):
    """The sidecar knows orders.shop only; the client asks for payments.shop."""
    server = lab.server("orders-0")
    vhosts = [cfg.virtual_host([cfg.route(cfg.OUTBOUND)], domains=[AUTHORITY, "orders:50051"])]
    target = client_sidecar(lab, [server.address], virtual_hosts=vhosts)
    good = lab.client("client-0", target, authority=AUTHORITY)
    bad = lab.client("client-1", target, authority="payments.shop.svc.cluster.local:50051")
    for _ in range(lab.n(30)):
        good.call("Get")
        bad.call("Get")


@scenario("cluster-not-found", expect="cluster-not-found")
def cluster_not_found(lab):
    """The route for the v2 subset points at a cluster the sidecar does not have."""
    server = lab.server("orders-0")
    v2 = f"outbound|50051|v2|{cfg.SERVICE_FQDN}"
    routes = [dict(cfg.route(v2, name="v2"), match={"prefix": "/", "headers": [
                  {"name": "x-version", "string_match": {"exact": "v2"}}]}),
              cfg.route(cfg.OUTBOUND)]
    vhosts = [cfg.virtual_host(routes, domains=["*"])]
    target = client_sidecar(lab, [server.address], virtual_hosts=vhosts)
    good = lab.client("client-0", target, authority=AUTHORITY)
    v2client = lab.client("client-1", target, authority=AUTHORITY)
    for _ in range(lab.n(30)):
        good.call("Get")
        try:
            v2client.channel.unary_unary("/shop.Orders/Get")(b"", timeout=5, metadata=(("x-version", "v2"),))
            v2client.log.line("client client-1 Get OK")
        except Exception as error:  # grpc.RpcError
            v2client.log.line(f"client client-1 Get {error.code().name}")
