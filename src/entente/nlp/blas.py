"""The matrix product behind the parse: numpy's BLAS, one thread per process.

Most of a parse is matrix products in thinc's CPU backend, which calls the BLIS
library bundled with spaCy. BLIS picks its kernels by CPU model, and on CPUs its
build does not know (recent AMD EPYC among them) it falls back to a generic kernel
about three times slower than numpy's OpenBLAS, which picks its kernels by what the
CPU can do. :func:`parse_ops` gives the pipeline thinc's CPU backend with the matrix
product handed to numpy, so loading the pipeline under it (:func:`pipeline_ops`)
makes every network layer use numpy's BLAS. The products come out the same to the
last bit on the sample corpus, the dev texts and the PETRARCH2 suite (every token
attribute and entity is the same; a test checks it), and the parse takes about a
quarter less time on such CPUs.

``ENTENTE_GEMM=blis`` keeps spaCy's own (for comparisons, or a CPU where BLIS is the
faster). The parser's transition loop keeps BLIS for its small per-step products
either way: that part of spaCy takes no other.

numpy's BLAS is held to one thread (:func:`one_blas_thread`): entente's parallelism
is its worker processes, one per core, and a BLAS that also spread over the cores
would have them fight over the same cores.
"""

from __future__ import annotations

import contextlib
import logging
from functools import lru_cache
from typing import Iterator

from thinc.api import NumpyOps, use_ops

from entente.settings import GEMM_ENV, settings

GEMMS = ("numpy", "blis")


def gemm_choice() -> str:
    """``numpy`` or ``blis``: what ``ENTENTE_GEMM`` asks for (``numpy`` when unset or unknown)."""
    choice = settings().gemm.strip().lower()
    if choice not in GEMMS:
        logging.getLogger(__name__).warning("$%s=%r is not one of %s; using numpy", GEMM_ENV, settings().gemm,
                                            ", ".join(GEMMS))
        return "numpy"
    return choice


def parse_ops(gemm: str | None = None) -> NumpyOps:
    """thinc's CPU backend with its matrix product from numpy (``gemm="numpy"``) or BLIS (``"blis"``)."""
    return NumpyOps(use_blis=(gemm or gemm_choice()) == "blis")


@contextlib.contextmanager
def pipeline_ops(gemm: str | None = None) -> Iterator[NumpyOps]:
    """Within this block, thinc models are built on :func:`parse_ops` (load the pipeline inside it).

    Only the models built inside take the backend: the process's default is restored after.
    """
    ops = parse_ops(gemm)
    if not ops.use_blis:
        one_blas_thread()
    with use_ops("numpy", use_blis=ops.use_blis):
        yield ops


@lru_cache(maxsize=1)
def one_blas_thread() -> None:
    """Hold numpy's BLAS to one thread for the rest of the process (once; workers forked after keep it)."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
