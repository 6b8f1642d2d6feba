"""What a worker loads before its first batch."""

from __future__ import annotations

import gc

from entente.coding.options import CoderOptions, coder_for
from entente.geo.gazetteer import load_gazetteer
from entente.nlp.pipeline import shared_pipeline
from entente.orchestrator.work import warm


def test_warm_loads_everything_and_freezes_it_out_of_the_collector():
    gc.unfreeze()
    try:
        warm()
        assert gc.get_freeze_count() > 100_000  # the pipeline, dictionaries and gazetteer
        frozen = gc.get_freeze_count()
        # loaded once per process: the same objects every later call
        assert shared_pipeline() is shared_pipeline() and coder_for(CoderOptions()) is coder_for(CoderOptions())
        assert load_gazetteer() is load_gazetteer()
        garbage = [[i] for i in range(1000)]
        assert gc.get_freeze_count() <= frozen and gc.is_tracked(garbage)  # later objects are collected as usual
    finally:
        gc.unfreeze()
