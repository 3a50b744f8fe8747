"""moneta_service: the extraction engine, the rate providers and the gRPC server of moneta.

Layers run one way: :mod:`moneta_service.extract` (pure engine, no gRPC) and :mod:`moneta_service.rates`
(rate providers) know nothing of the wire; :mod:`moneta_service.pipeline` joins them; the servicers translate
protobuf to and from :mod:`moneta.model` objects through :mod:`moneta._codec`; :mod:`moneta_service.server` owns
the lifecycle.
"""
