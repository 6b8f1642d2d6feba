"""The event coder's options, shared by ``entente extract`` and ``entente ingest``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import click

if TYPE_CHECKING:
    from entente.coding.options import CoderOptions

DICTIONARIES_OPTION = click.option(
    "--dictionaries", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
    help="A folder of PETRARCH/TABARI dictionaries (*verbs*.txt, *actors*.txt, *agents*.txt): its verbs are "
         "asked before entente's rules and its actors are coded over entente's own.")
MIN_CONFIDENCE_OPTION = click.option(
    "--min-confidence", type=click.FloatRange(0, 1), metavar="X",
    help="Drop events whose confidence is below X (0..1; default: the threshold in "
         "data/lexicon/confidence.tsv; 0 keeps every event).")


FAST_OPTION = click.option(
    "--fast", is_flag=True,
    help="The fast profile: no statistical NER (the actor dictionary, country names and date phrases stand "
         "in). About 1.7x faster in one process; finds fewer actors, places, quote speakers and events "
         "(README, 'Throughput').")


def coder_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--dictionaries``, ``--min-confidence`` and ``--fast`` to a command."""
    return DICTIONARIES_OPTION(MIN_CONFIDENCE_OPTION(FAST_OPTION(fn)))


def checked_options(dictionaries: Path | None, min_confidence: float | None, fast: bool = False) -> CoderOptions:
    """The options of a run, the folder loaded once to check it; a bad folder is a usage error
    (exit code 2) that names the folder and the reason."""
    from entente.coding.options import CoderOptions, load_dictionaries
    from entente.lexicon.load import DictionarySetError

    if dictionaries is not None:
        try:
            load_dictionaries(dictionaries)
        except DictionarySetError as exc:
            raise click.BadParameter(str(exc), param_hint="'--dictionaries'") from exc
    return CoderOptions(dictionaries, min_confidence, profile="fast" if fast else "full")
