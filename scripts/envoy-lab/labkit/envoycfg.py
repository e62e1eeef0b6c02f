"""Building blocks of Envoy configurations shaped like the ones istiod gives a sidecar.

Only what a scenario needs: listeners (HTTP connection manager or TCP proxy), Istio's cluster
names, Istio's default retry policy on outbound routes, and three access logs per listener:
Istio's 1.9+ text format, Istio's typed JSON, and a custom text format with %GRPC_STATUS%.
"""

SERVICE_FQDN = "orders.shop.svc.cluster.local"
OUTBOUND = f"outbound|50051||{SERVICE_FQDN}"
INBOUND = "inbound|50051||"

# Istio 1.23+ (`%UPSTREAM_CLUSTER_RAW%`), Istio's EnvoyTextLogFormat.
ISTIO_TEXT = (
    '[%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE% '
    '%RESPONSE_FLAGS% %RESPONSE_CODE_DETAILS% %CONNECTION_TERMINATION_DETAILS% '
    '"%UPSTREAM_TRANSPORT_FAILURE_REASON%" %BYTES_RECEIVED% %BYTES_SENT% %DURATION% '
    '%RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%" "%REQ(X-REQUEST-ID)%" '
    '"%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%" %UPSTREAM_CLUSTER_RAW% %UPSTREAM_LOCAL_ADDRESS% '
    '%DOWNSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_REMOTE_ADDRESS% %REQUESTED_SERVER_NAME% %ROUTE_NAME%\n'
)

# Istio's EnvoyJSONLogFormatIstio (typed values through log_format.json_format).
ISTIO_JSON = {
    "start_time": "%START_TIME%", "route_name": "%ROUTE_NAME%", "method": "%REQ(:METHOD)%",
    "path": "%REQ(X-ENVOY-ORIGINAL-PATH?:PATH)%", "protocol": "%PROTOCOL%", "response_code": "%RESPONSE_CODE%",
    "response_flags": "%RESPONSE_FLAGS%", "response_code_details": "%RESPONSE_CODE_DETAILS%",
    "connection_termination_details": "%CONNECTION_TERMINATION_DETAILS%", "bytes_received": "%BYTES_RECEIVED%",
    "bytes_sent": "%BYTES_SENT%", "duration": "%DURATION%",
    "upstream_service_time": "%RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)%", "x_forwarded_for": "%REQ(X-FORWARDED-FOR)%",
    "user_agent": "%REQ(USER-AGENT)%", "request_id": "%REQ(X-REQUEST-ID)%", "authority": "%REQ(:AUTHORITY)%",
    "upstream_host": "%UPSTREAM_HOST%", "upstream_cluster": "%UPSTREAM_CLUSTER_RAW%",
    "upstream_local_address": "%UPSTREAM_LOCAL_ADDRESS%", "downstream_local_address": "%DOWNSTREAM_LOCAL_ADDRESS%",
    "downstream_remote_address": "%DOWNSTREAM_REMOTE_ADDRESS%", "requested_server_name": "%REQUESTED_SERVER_NAME%",
    "upstream_transport_failure_reason": "%UPSTREAM_TRANSPORT_FAILURE_REASON%",
}

# The Istio text format plus the gRPC status and the attempt count (SampleLogs/custom-grpc.format).
CUSTOM_GRPC = ISTIO_TEXT.rstrip("\n") + " %GRPC_STATUS% %UPSTREAM_REQUEST_ATTEMPT_COUNT%\n"

FORMATS = ("istio-text", "istio-json", "custom-grpc")


def access_logs(prefix, only_flag=None):
    """Three file access logs at `<prefix>.<format>.log` (only records with `only_flag` if set:
    Istio's listener-level access log keeps only NR, the connections no filter chain matched)."""
    def file_log(fmt, log_format):
        entry = {"name": "envoy.access_loggers.file", "typed_config": {
            "@type": "type.googleapis.com/envoy.extensions.access_loggers.file.v3.FileAccessLog",
            "path": f"{prefix}.{fmt}.log", "log_format": log_format}}
        if only_flag:
            entry["filter"] = {"response_flag_filter": {"flags": [only_flag]}}
        return entry
    return [
        file_log("istio-text", {"text_format_source": {"inline_string": ISTIO_TEXT}}),
        file_log("istio-json", {"json_format": ISTIO_JSON}),
        file_log("custom-grpc", {"text_format_source": {"inline_string": CUSTOM_GRPC}}),
    ]


def socket_address(host_port):
    host, port = host_port.rsplit(":", 1)
    return {"socket_address": {"address": host, "port_value": int(port)}}


# Istio's default retry policy on outbound HTTP routes (networking/core/route/retry).
ISTIO_RETRY = {
    "retry_on": "connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes",
    "num_retries": 2,
    "retry_host_predicate": [{"name": "envoy.retry_host_predicates.previous_hosts", "typed_config": {
        "@type": "type.googleapis.com/envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate"}}],
    "host_selection_retry_max_attempts": "5",
    "retriable_status_codes": [503],
}


def route(cluster, name="default", prefix="/", retry=ISTIO_RETRY, timeout="0s", extra=None):
    """A route entry; timeout 0s = none (Istio's default)."""
    action = {"cluster": cluster, "timeout": timeout}
    if retry is not None:
        action["retry_policy"] = retry
    action.update(extra or {})
    return {"name": name, "match": {"prefix": prefix}, "route": action}


def virtual_host(routes, domains=("*",), name=f"{SERVICE_FQDN}:50051"):
    return {"name": name, "domains": list(domains), "routes": routes}


def router():
    return {"name": "envoy.filters.http.router", "typed_config": {
        "@type": "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router"}}


def http_listener(name, address, virtual_hosts, log_prefix, http_filters=(), stat_prefix=None,
                  transport_socket=None, hcm_extra=None, server_names=None):
    """A listener with an HTTP connection manager (codec AUTO, as Istio's sidecars use)."""
    hcm = {
        "@type": "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
        "stat_prefix": stat_prefix or name, "codec_type": "AUTO",
        "route_config": {"name": name, "virtual_hosts": virtual_hosts, "validate_clusters": False},
        "http_filters": list(http_filters) + [router()],
        "access_log": access_logs(log_prefix),
        "normalize_path": True, "use_remote_address": False,
    }
    hcm.update(hcm_extra or {})
    chain = {"filters": [{"name": "envoy.filters.network.http_connection_manager", "typed_config": hcm}]}
    if transport_socket:
        chain["transport_socket"] = transport_socket
    if server_names:
        chain["filter_chain_match"] = {"server_names": list(server_names)}
    listener = {"name": name, "address": socket_address(address), "filter_chains": [chain]}
    if transport_socket:
        listener["listener_filters"] = [{"name": "envoy.filters.listener.tls_inspector", "typed_config": {
            "@type": "type.googleapis.com/envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector"}}]
        listener["access_log"] = access_logs(log_prefix, only_flag="NR")  # listener-level: filter_chain_not_found etc.
    return listener


def tcp_listener(name, address, cluster, log_prefix):
    """An opaque TCP listener (a port Istio did not detect as HTTP): tcp_proxy to the cluster."""
    tcp = {"@type": "type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy",
           "stat_prefix": cluster, "cluster": cluster, "access_log": access_logs(log_prefix)}
    return {"name": name, "address": socket_address(address),
            "filter_chains": [{"filters": [{"name": "envoy.filters.network.tcp_proxy", "typed_config": tcp}]}]}


def cluster(name, endpoints, http2=True, extra=None, protocol_options=None):
    """A STATIC cluster of 127.0.0.1 endpoints, round robin, HTTP/2 upstream when http2."""
    c = {"name": name, "type": "STATIC", "connect_timeout": "1s", "lb_policy": "ROUND_ROBIN",
         "load_assignment": {"cluster_name": name, "endpoints": [
             {"lb_endpoints": [{"endpoint": {"address": socket_address(e)}} for e in endpoints]}]}}
    if http2:
        options = {"explicit_http_config": {"http2_protocol_options": {}}}
        options.update(protocol_options or {})
        c["typed_extension_protocol_options"] = {"envoy.extensions.upstreams.http.v3.HttpProtocolOptions": {
            "@type": "type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions", **options}}
    c.update(extra or {})
    return c


def bootstrap(admin_port, listeners, clusters):
    return {"admin": {"address": socket_address(f"127.0.0.1:{admin_port}")},
            "static_resources": {"listeners": listeners, "clusters": clusters}}
