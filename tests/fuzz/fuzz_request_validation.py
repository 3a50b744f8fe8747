"""Fuzz target: decoding and validating requests (protobuf bytes → codec → limits → pipeline validators).

Any input must end in a result or in one of the documented request errors (``DecodeError`` for bytes that are
not the message, ``CodecError``/``InvalidInputError``/``ServiceError`` for values), each mapped to a status
that is not ``INTERNAL``. Anything else is a bug. Run (time-boxed)::

    python tests/fuzz/fuzz_request_validation.py -max_total_time=60
"""

from __future__ import annotations

import sys

from google.protobuf.message import DecodeError
from moneta import _codec
from moneta.v1 import moneta_pb2 as pb
from moneta_service import pipeline
from moneta_service.errors import ServiceError, status_for
from moneta_service.limits import ServerLimits, _check_request

_LIMITS = ServerLimits(max_text_bytes=4096, max_targets=8, max_documents_per_message=8)
_EXPECTED = (_codec.CodecError, pipeline.InvalidInputError, ServiceError)
_INTERNAL = 13


def _expected(exc: Exception) -> None:
    if not isinstance(exc, _EXPECTED):
        raise exc
    assert status_for(exc).code != _INTERNAL, exc


def TestOneInput(data: bytes) -> None:
    """Decode ``data`` as each request message and validate it like the server does."""
    if not data:
        return
    kind, body = data[0] % 3, data[1:]
    try:
        if kind == 0:
            extract = pb.ExtractAmountsRequest.FromString(body)
            _check_request("/moneta.v1.MonetaService/ExtractAmounts", extract, _LIMITS)
            query = _codec.extract_query_from_proto(extract)
            for i, code in enumerate(query.target_currency_codes):
                pipeline.validate_currency_code(code, f"target_currency_codes[{i}]")
            pipeline.validate_locale_hint(query.locale_hint)
        elif kind == 1:
            convert = _codec.convert_query_from_proto(pb.ConvertAmountRequest.FromString(body))
            pipeline.validate_currency_code(convert.source_currency_code, "source_currency_code")
            assert convert.amount.is_finite()
        else:
            stream = pb.StreamExtractAmountsRequest.FromString(body)
            _check_request("/moneta.v1.MonetaService/StreamExtractAmounts", stream, _LIMITS)
            _codec.offset_encoding_from_proto(stream.offset_encoding)
            if stream.HasField("default_date"):
                _codec.date_from_proto(stream.default_date, "default_date")
    except DecodeError:
        return
    except Exception as exc:  # noqa: BLE001 - re-raised unless it is a documented request error
        _expected(exc)


def main() -> None:
    """Run under atheris (``pip install atheris``)."""
    import atheris  # type: ignore[import-untyped,import-not-found,unused-ignore]

    atheris.instrument_all()  # coverage feedback for every loaded module (moneta included)
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
