"""Generated moneta.v1 protobuf and gRPC modules (see proto/generate.py)."""
