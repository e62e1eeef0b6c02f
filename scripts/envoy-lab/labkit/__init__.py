"""The Envoy lab: real gRPC servers, real Envoys configured like Istio sidecars, real traffic."""
