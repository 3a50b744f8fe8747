"""Server reflection under both of its names: ``grpc.reflection.v1`` and ``grpc.reflection.v1alpha``.

grpcio-reflection (1.85) serves only ``grpc.reflection.v1alpha.ServerReflection``. Current clients (grpcurl,
grpcui, Postman, Java's and Go's reflection clients) ask for ``grpc.reflection.v1.ServerReflection`` first. The v1
protocol (gRPC's ``src/proto/grpc/reflection/v1/reflection.proto``) is v1alpha's with the package renamed: the same
messages with the same field numbers, so the library's servicer answers a v1 call byte for byte. This module
registers that one servicer under both names, and adds the v1 file (v1alpha's descriptor, renamed) to the default
descriptor pool so that reflection can also describe the v1 service itself.

When grpcio-reflection ships a v1 module of its own, its names take precedence: the pool is left alone if it
already holds the v1 file.
"""

from __future__ import annotations

from collections.abc import Iterable

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool
from grpc_reflection.v1alpha import reflection, reflection_pb2, reflection_pb2_grpc

__all__ = ["SERVICE_NAME", "SERVICE_NAME_V1ALPHA", "V1_FILE_NAME", "enable_reflection", "v1_file_descriptor"]

#: The v1 service's full name, as clients ask for it first.
SERVICE_NAME = "grpc.reflection.v1.ServerReflection"
#: The v1alpha service's full name (grpcio-reflection's).
SERVICE_NAME_V1ALPHA: str = reflection.SERVICE_NAME
#: The v1 protocol's file, as gRPC names it.
V1_FILE_NAME = "grpc/reflection/v1/reflection.proto"

_V1ALPHA_PACKAGE = "grpc.reflection.v1alpha"
_V1_PACKAGE = "grpc.reflection.v1"


def v1_file_descriptor() -> descriptor_pb2.FileDescriptorProto:
    """The v1 reflection file: v1alpha's ``FileDescriptorProto`` with its name, package and type names renamed.

    :returns: a new ``FileDescriptorProto`` named :data:`V1_FILE_NAME`, package ``grpc.reflection.v1``.
    """
    renamed = descriptor_pb2.FileDescriptorProto()
    reflection_pb2.DESCRIPTOR.CopyToProto(renamed)
    renamed.name = V1_FILE_NAME
    renamed.package = _V1_PACKAGE
    renamed.ClearField("options")
    old, new = f".{_V1ALPHA_PACKAGE}.", f".{_V1_PACKAGE}."
    for message in renamed.message_type:
        for field in message.field:
            if field.type_name.startswith(old):
                field.type_name = new + field.type_name[len(old) :]
    for service in renamed.service:
        for method in service.method:
            method.input_type = new + method.input_type[len(old) :]
            method.output_type = new + method.output_type[len(old) :]
    return renamed


def _add_v1_file_to_default_pool() -> None:
    """Add the v1 file to the default descriptor pool unless a file of that name is there already."""
    pool = descriptor_pool.Default()
    try:
        pool.FindFileByName(V1_FILE_NAME)
    except KeyError:
        pool.Add(v1_file_descriptor())


def enable_reflection(service_names: Iterable[str], server: grpc.aio.Server) -> None:
    """Serve reflection for ``service_names`` (plus both reflection services) on ``server``, v1 and v1alpha.

    :param service_names: full names of the services to list (e.g. ``moneta.v1.MonetaService``).
    :param server: a ``grpc.aio`` server, not started.
    """
    _add_v1_file_to_default_pool()
    names = (*service_names, SERVICE_NAME, SERVICE_NAME_V1ALPHA)
    servicer = reflection.aio.ReflectionServicer(names)  # type: ignore[attr-defined]  # public, not re-exported
    reflection_pb2_grpc.add_ServerReflectionServicer_to_server(servicer, server)
    handlers = {
        "ServerReflectionInfo": grpc.stream_stream_rpc_method_handler(
            servicer.ServerReflectionInfo,
            request_deserializer=reflection_pb2.ServerReflectionRequest.FromString,
            response_serializer=reflection_pb2.ServerReflectionResponse.SerializeToString,
        )
    }
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(SERVICE_NAME, handlers),))
