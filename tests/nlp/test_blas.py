"""The parse's matrix product: numpy's BLAS by default, BLIS when asked, the same numbers."""

from __future__ import annotations

import logging

import numpy
from thinc.api import NumpyOps, get_current_ops

from entente.nlp.blas import gemm_choice, one_blas_thread, parse_ops, pipeline_ops
from entente.nlp.pipeline import load_pipeline
from entente.settings import reload_settings


def test_default_is_numpy_and_blis_on_request(monkeypatch, caplog):
    monkeypatch.delenv("ENTENTE_GEMM", raising=False)
    reload_settings()
    assert gemm_choice() == "numpy" and not parse_ops().use_blis
    monkeypatch.setenv("ENTENTE_GEMM", "BLIS")
    reload_settings()
    assert gemm_choice() == "blis" and parse_ops().use_blis
    monkeypatch.setenv("ENTENTE_GEMM", "mkl")
    reload_settings()
    with caplog.at_level(logging.WARNING):
        assert gemm_choice() == "numpy"
    assert "ENTENTE_GEMM" in caplog.text
    monkeypatch.delenv("ENTENTE_GEMM")
    reload_settings()


def test_numpy_product_is_the_blis_product():
    x = numpy.random.default_rng(7).random((300, 96), dtype=numpy.float32)
    y = numpy.random.default_rng(8).random((96, 64), dtype=numpy.float32)
    fast, blis = parse_ops("numpy"), parse_ops("blis")
    numpy.testing.assert_allclose(fast.gemm(x, y), blis.gemm(x, y), rtol=1e-5)
    numpy.testing.assert_allclose(fast.gemm(x, y.T.copy(), trans2=True), blis.gemm(x, y), rtol=1e-5)


def test_pipeline_is_built_on_it_and_the_process_default_is_left_alone(nlp):
    before = get_current_ops()
    with pipeline_ops("numpy") as ops:
        assert isinstance(ops, NumpyOps) and not ops.use_blis
    assert get_current_ops() is before
    for name in ("tok2vec", "tagger"):
        assert {n.ops.use_blis for n in nlp.get_pipe(name).model.walk()} == {False}
    # the parser and NER: all but the output layer, whose products spaCy's own loop does
    assert False in {n.ops.use_blis for n in nlp.get_pipe("ner").model.walk()}
    stock = load_pipeline(speedups=False)
    assert {n.ops.use_blis for n in stock.get_pipe("tok2vec").model.walk()} == {True}


def test_one_blas_thread():
    from threadpoolctl import threadpool_info

    one_blas_thread()
    blas = [p for p in threadpool_info() if p["user_api"] == "blas"]
    assert blas and all(p["num_threads"] == 1 for p in blas)
