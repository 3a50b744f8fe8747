"""One mapping from moneta's exceptions to rich gRPC errors (AIP-193), and the decorator that applies it.

Every failed call ends with a canonical status code and a ``google.rpc.Status`` in the trailing metadata
(``grpc-status-details-bin``) carrying:

* ``google.rpc.ErrorInfo``: a stable UPPER_SNAKE ``reason``, the domain ``moneta.dev`` and lowerCamel
  ``metadata`` repeating the dynamic parts of the message (the field, the offending value, the limit);
* ``google.rpc.BadRequest``: one field violation naming the request field, for ``INVALID_ARGUMENT``.

The mapping (:func:`status_for`):

=====================================================  =====================  ============================
exception                                              code                   reason
=====================================================  =====================  ============================
:class:`moneta_service.pipeline.InvalidInputError`     INVALID_ARGUMENT       its own (``INVALID_CURRENCY_CODE``…)
:class:`moneta._codec.CodecError`                      INVALID_ARGUMENT       its own (``INVALID_DATE``…)
``moneta_service.rates.RatesError``                    INVALID_ARGUMENT       ``INVALID_RATE_SOURCE``
:class:`ServiceError`                                  its code               its reason
anything else                                          INTERNAL               ``INTERNAL`` (logged, no detail)
=====================================================  =====================  ============================

Messages are one line of stable English; a traceback never reaches the client (it goes to the server log).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import TypeVar

import grpc
from google.protobuf import any_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status
from moneta._codec import CodecError

from moneta_service.pipeline import InvalidInputError
from moneta_service.rates import RatesError

__all__ = ["DOMAIN", "ServiceError", "maps_errors", "status_for"]

#: The ``ErrorInfo.domain`` of every moneta error.
DOMAIN = "moneta.dev"

_log = logging.getLogger("moneta_service.server")

_Request = TypeVar("_Request")
_Response = TypeVar("_Response")
_Self = TypeVar("_Self")


class ServiceError(Exception):
    """An error the server raises on purpose, with its canonical code (e.g. a limit: ``RESOURCE_EXHAUSTED``).

    :param code: the gRPC status code.
    :param reason: a stable UPPER_SNAKE reason for ``ErrorInfo``.
    :param message: one line of English that says what is wrong.
    :param metadata: lowerCamel keys with the dynamic parts of the message.
    :param field: the request field at fault, if any (adds a ``BadRequest`` field violation).
    """

    def __init__(
        self,
        code: grpc.StatusCode,
        reason: str,
        message: str,
        metadata: Mapping[str, str] | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.reason = reason
        self.message = message
        self.metadata = dict(metadata or {})
        self.field = field


def _status(
    code: grpc.StatusCode, reason: str, message: str, metadata: Mapping[str, str], field: str | None
) -> status_pb2.Status:
    details = []
    info = any_pb2.Any()
    info.Pack(error_details_pb2.ErrorInfo(reason=reason, domain=DOMAIN, metadata=dict(metadata)))
    details.append(info)
    if field is not None:
        bad = any_pb2.Any()
        bad.Pack(
            error_details_pb2.BadRequest(
                field_violations=[
                    error_details_pb2.BadRequest.FieldViolation(
                        field=field, description=message, reason=reason
                    )
                ]
            )
        )
        details.append(bad)
    code_number: int = code.value[0]
    return status_pb2.Status(code=code_number, message=message, details=details)


def status_for(exc: BaseException) -> status_pb2.Status:
    """Return the ``google.rpc.Status`` (code, message, ErrorInfo, BadRequest) that reports ``exc``.

    Unknown exceptions give ``INTERNAL`` with the message "internal error" and no detail of the exception.
    """
    if isinstance(exc, InvalidInputError | CodecError):
        metadata = {"field": exc.field, **getattr(exc, "metadata", {})}
        return _status(grpc.StatusCode.INVALID_ARGUMENT, exc.reason, exc.message, metadata, exc.field)
    if isinstance(exc, ServiceError):
        return _status(exc.code, exc.reason, exc.message, exc.metadata, exc.field)
    if isinstance(exc, RatesError):
        message = str(exc).splitlines()[0] if str(exc) else "invalid rate source"
        return _status(
            grpc.StatusCode.INVALID_ARGUMENT,
            "INVALID_RATE_SOURCE",
            message,
            {"field": "rate_source"},
            "rate_source",
        )
    return status_pb2.Status(code=code_pb2.INTERNAL, message="internal error", details=[_internal_info()])


def _internal_info() -> any_pb2.Any:
    info = any_pb2.Any()
    info.Pack(error_details_pb2.ErrorInfo(reason="INTERNAL", domain=DOMAIN))
    return info


def maps_errors(
    method: Callable[[_Self, _Request, grpc.aio.ServicerContext[_Request, _Response]], Awaitable[_Response]],
) -> Callable[[_Self, _Request, grpc.aio.ServicerContext[_Request, _Response]], Awaitable[_Response]]:
    """Decorate an async unary servicer method so any exception ends the call with :func:`status_for`'s status.

    Expected errors (invalid input) are logged at INFO with their reason and field only (their messages quote
    the request: amounts, codes, which the logs never hold); unexpected ones at ERROR with the traceback.
    """

    @functools.wraps(method)
    async def wrapper(
        self: _Self, request: _Request, context: grpc.aio.ServicerContext[_Request, _Response]
    ) -> _Response:
        try:
            return await method(self, request, context)
        except Exception as exc:
            status = status_for(exc)
            if status.code == code_pb2.INTERNAL:
                _log.exception("internal error in %s", getattr(method, "__name__", "?"))
            else:
                # the reason, never the message: messages quote the request (an amount, a code)
                field = getattr(exc, "field", None)
                _log.info(
                    "%s refused: %s%s",
                    getattr(method, "__name__", "?"),
                    getattr(exc, "reason", type(exc).__name__),
                    f" (field {field})" if field else "",
                )
            await _abort_with_status(context, status)
            raise  # pragma: no cover - abort always raises

    return wrapper


async def abort_with(context: grpc.aio.ServicerContext[_Request, _Response], exc: BaseException) -> None:
    """End the call with :func:`status_for`'s rich status for ``exc`` (code, message, ErrorInfo, BadRequest).

    :raises grpc.aio.AbortError: always (``context.abort``).
    """
    await _abort_with_status(context, status_for(exc))


async def _abort_with_status(
    context: grpc.aio.ServicerContext[_Request, _Response], status: status_pb2.Status
) -> None:
    rich = rpc_status.to_status(status)
    await context.abort(rich.code, rich.details, rich.trailing_metadata)
