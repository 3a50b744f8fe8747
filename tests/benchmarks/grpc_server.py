"""The benchmark's gRPC server process: moneta's server as ``moneta serve`` builds it, plus an echo RPC.

Run as ``python tests/benchmarks/grpc_server.py``: it builds the server with
:func:`moneta_service.server.create_server` on a free loopback port, adds a generic handler
``/moneta.bench.Echo/Echo`` (request :class:`~moneta.v1.moneta_pb2.ExtractAmountsRequest`, parsed and sent back
unchanged: the cost of gRPC itself for the same payload), starts it (health ``SERVING``), prints the port on
one line of standard output and serves until its standard input is closed. The echo RPC exists only here: it
is not part of the public ``moneta.v1`` contract.
"""

from __future__ import annotations

import asyncio
import sys
from typing import Any

import grpc
from moneta.v1 import moneta_pb2 as pb
from moneta_service.server import create_server

__all__ = ["ECHO_METHOD", "main"]

#: The full method name of the benchmark's echo RPC.
ECHO_METHOD = "/moneta.bench.Echo/Echo"


async def _echo(request: pb.ExtractAmountsRequest, context: Any) -> pb.ExtractAmountsRequest:
    return request


async def _serve() -> None:
    server, port = create_server("127.0.0.1:0")
    handler = grpc.method_handlers_generic_handler(
        "moneta.bench.Echo",
        {
            "Echo": grpc.unary_unary_rpc_method_handler(
                _echo,
                request_deserializer=pb.ExtractAmountsRequest.FromString,
                response_serializer=pb.ExtractAmountsRequest.SerializeToString,
            )
        },
    )
    server.grpc_server.add_generic_rpc_handlers((handler,))
    await server.start()
    print(port, flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    await server.stop(0)


def main() -> int:
    """Serve until standard input closes; return 0."""
    asyncio.run(_serve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
