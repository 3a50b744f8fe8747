"""The benchmark's gRPC server process: moneta's server as ``moneta serve`` builds it, plus an echo RPC.

Run as ``python tests/benchmarks/grpc_server.py``: it builds the server with
:func:`moneta_service.server.create_server` on a free loopback port, adds a generic handler
``/moneta.bench.Echo/Echo`` (request :class:`~moneta.v1.moneta_pb2.ExtractAmountsRequest`, parsed and sent back
unchanged: the cost of gRPC itself for the same payload) and ``/moneta.bench.Echo/EchoThread`` (the same, answered
from a worker thread as moneta's servicer answers: the cost of that hop), and ``/moneta.bench.Echo/ExtractInline``
(moneta's servicer code run on the event loop: what the thread hop and cancellation wrapper cost), starts it (health ``SERVING``), prints the port on
one line of standard output and serves until its standard input is closed. The echo RPC exists only here: it
is not part of the public ``moneta.v1`` contract.
"""

from __future__ import annotations

import asyncio
import sys
from typing import Any

import grpc
from moneta import _codec
from moneta.v1 import moneta_pb2 as pb
from moneta_service.server import create_server

__all__ = ["ECHO_METHOD", "ECHO_THREAD_METHOD", "EXTRACT_INLINE_METHOD", "main"]

#: The full method name of the benchmark's echo RPC.
ECHO_METHOD = "/moneta.bench.Echo/Echo"
#: The same echo, answered from a worker thread (``asyncio.to_thread``) as moneta's servicer answers.
ECHO_THREAD_METHOD = "/moneta.bench.Echo/EchoThread"
#: ``ExtractAmounts`` by moneta's servicer code run on the event loop, without the worker thread (diagnostic).
EXTRACT_INLINE_METHOD = "/moneta.bench.Echo/ExtractInline"


async def _echo(request: pb.ExtractAmountsRequest, context: Any) -> pb.ExtractAmountsRequest:
    return request


def _identity(request: pb.ExtractAmountsRequest) -> pb.ExtractAmountsRequest:
    return request


async def _echo_thread(request: pb.ExtractAmountsRequest, context: Any) -> pb.ExtractAmountsRequest:
    # the same hop to a worker thread that moneta's servicer makes for its CPU work
    return await asyncio.to_thread(_identity, request)


async def _serve() -> None:
    server, port = create_server("127.0.0.1:0")

    async def extract_inline(request: pb.ExtractAmountsRequest, context: Any) -> pb.ExtractAmountsResponse:
        # moneta's own servicer code, run on the event loop instead of a worker thread (diagnostic only)
        mentions = server.servicer._extract(_codec.extract_query_from_proto(request))
        return pb.ExtractAmountsResponse(mentions=_codec.mentions_to_proto(mentions))

    handler = grpc.method_handlers_generic_handler(
        "moneta.bench.Echo",
        {
            name: grpc.unary_unary_rpc_method_handler(
                behaviour,
                request_deserializer=pb.ExtractAmountsRequest.FromString,
                response_serializer=pb.ExtractAmountsRequest.SerializeToString,
            )
            for name, behaviour in (("Echo", _echo), ("EchoThread", _echo_thread))
        }
        | {
            "ExtractInline": grpc.unary_unary_rpc_method_handler(
                extract_inline,
                request_deserializer=pb.ExtractAmountsRequest.FromString,
                response_serializer=pb.ExtractAmountsResponse.SerializeToString,
            )
        },
    )
    server.grpc_server.add_generic_rpc_handlers((handler,))
    await server.start()
    print(port, flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    await server.stop(0)


def main(argv: list[str] | None = None) -> int:
    """Serve until standard input closes; return 0. ``--profile FILE``: cProfile the event-loop thread into FILE."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) == 2 and args[0] == "--profile":
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
        try:
            asyncio.run(_serve())
        finally:
            profiler.disable()
            profiler.dump_stats(args[1])
        return 0
    asyncio.run(_serve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
