"""The fast attribute ruler gives the same tokens as spaCy's own."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
import spacy
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token

import entente.nlp.attribute_ruler as fast_ruler
from entente.nlp.attribute_ruler import FACTORY, FastAttributeRuler
from entente.nlp.pipeline import load_pipeline

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample" / "corpus.jsonl"
DEV = ROOT / ".." / "shared" / "eval" / "dev"


def _signature(doc: Doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.norm_, t.dep_, t.head.i, t.ent_type_, t.ent_iob_,
             t.is_sent_start) for t in doc]


def _assert_same(stock_docs, fast_docs, names) -> None:
    for name, a, b in zip(names, stock_docs, fast_docs, strict=True):
        sa, sb = _signature(a), _signature(b)
        if sa != sb:
            diff = next((x, y) for x, y in zip(sa, sb) if x != y)
            pytest.fail(f"{name}: first differing token (stock, fast): {diff}")


def _sample_texts() -> list[str]:
    return [json.loads(line)["text"] for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def stock_nlp(dictionary):
    return load_pipeline(dictionary=dictionary, speedups=False)


def test_pipeline_uses_the_fast_ruler_in_the_stock_place(nlp, stock_nlp):
    assert isinstance(nlp.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert type(stock_nlp.get_pipe("attribute_ruler")) is AttributeRuler
    assert nlp.pipe_names == stock_nlp.pipe_names
    assert nlp.pipe_names.index("attribute_ruler") < nlp.pipe_names.index("lemmatizer")
    assert nlp.get_pipe("attribute_ruler").patterns == stock_nlp.get_pipe("attribute_ruler").patterns


def test_same_tokens_as_stock_ruler_on_the_sample(nlp, stock_nlp):
    texts = _sample_texts()
    assert texts
    _assert_same(stock_nlp.pipe(texts), nlp.pipe(texts), [f"sample #{i}" for i in range(len(texts))])


def test_same_tokens_as_stock_ruler_on_the_dev_set(nlp, stock_nlp):
    files = sorted(DEV.glob("*.json")) if DEV.is_dir() else []
    if not files:
        pytest.skip(f"{DEV} is not there (the shared eval set lives beside the repository)")
    texts = [json.loads(f.read_text(encoding="utf-8"))["text"] for f in files]
    _assert_same(stock_nlp.pipe(texts), nlp.pipe(texts), [f.name for f in files])


def test_cache_never_exceeds_its_size_and_clearing_changes_nothing(nlp, stock_nlp, monkeypatch):
    monkeypatch.setattr(fast_ruler, "CACHE_SIZE", 8)
    texts = _sample_texts()[:12]
    ruler = nlp.get_pipe("attribute_ruler")
    ruler._compiled = None  # start from an empty cache
    fast_docs = []
    for doc in nlp.pipe(texts):
        assert ruler.cache_size <= 8
        fast_docs.append(doc)
    compiled = ruler._compiled
    assert compiled is not None
    assert all(canon is None or len(canon.classes) <= 8 for canon in compiled.canons)
    _assert_same(stock_nlp.pipe(texts), fast_docs, [f"sample #{i}" for i in range(len(texts))])
    ruler._compiled = None  # later tests get the normal cache again


def test_ruler_and_pipeline_pickle_and_serialise(nlp):
    # Workers load their own pipeline (orchestrator/work.py), but spaCy pickles
    # pipelines for n_process>1 under spawn, and to_bytes is spaCy's own format.
    text = "Gon na let 's see : it wasn't the U.S. that did it , y' all said .\n\nNothing else ."
    ruler = nlp.get_pipe("attribute_ruler")
    nlp(text)
    assert ruler.cache_size > 0
    copy = pickle.loads(pickle.dumps(ruler))
    assert isinstance(copy, FastAttributeRuler) and copy.cache_size == 0
    assert copy.patterns == ruler.patterns
    loaded = FastAttributeRuler(nlp.vocab).from_bytes(ruler.to_bytes())
    assert loaded.patterns == ruler.patterns
    nlp2 = pickle.loads(pickle.dumps(nlp))
    assert isinstance(nlp2.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert _signature(nlp2(text)) == _signature(nlp(text))


# Pattern kinds the English pipeline lacks, on hand-made docs: operators, extension
# attributes, lexeme attributes, negative indices, multi-token patterns overlapping
# single-token ones, and precedence (the later pattern wins).
WORDS = ["She", "did", "n't", "go", "there", "nothin'", "gon", "na", "happen", "y'", "all", "  ", "."]
TAGS = ["PRP", "VBD", "RB", "VB", "RB", "NN", "VBG", "TO", "VB", "PRP", "DT", "_SP", "."]
DEPS = ["nsubj", "aux", "neg", "ROOT", "advmod", "dobj", "aux", "aux", "xcomp", "nsubj", "appos", "dep", "punct"]
HEADS = [3, 3, 3, 3, 3, 3, 8, 8, 3, 3, 9, 3, 3]

PATTERNS = [
    {"patterns": [[{"TAG": {"IN": ["VBD", "VB"]}}]], "attrs": {"POS": "VERB", "LEMMA": "v"}},
    {"patterns": [[{"LOWER": {"REGEX": "^n[ou]thin'$"}}]], "attrs": {"LEMMA": "nothing"}},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "go", "MORPH": "Aspect=Prog"}},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": -1},
    {"patterns": [[{"TAG": "VBG"}]], "attrs": {"LEMMA": "going", "POS": "AUX"}},  # after "gon na": wins
    {"patterns": [[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], "attrs": {"LEMMA": "you"}},
    {"patterns": [[{"TAG": "RB", "OP": "+"}]], "attrs": {"POS": "ADV"}},  # operator: matcher
    {"patterns": [[{"DEP": {"NOT_IN": ["det", ""]}, "TAG": {"IN": ["DT"]}}]], "attrs": {"POS": "PRON"}},
    {"patterns": [[{"IS_SPACE": True, "DEP": {"NOT_IN": [""]}}]], "attrs": {"DEP": "dep", "NORM": "<sp>"}},
    {"patterns": [[{"LENGTH": {">=": 5}, "TAG": "RB"}]], "attrs": {"MORPH": "Degree=Pos"}},
    {"patterns": [[{"TEXT": "did"}, {"LOWER": "n't"}], [{"LOWER": "n't"}]], "attrs": {"NORM": "not"}, "index": -1},
    {"patterns": [[{"_": {"entente_test_flag": True}}]], "attrs": {"LEMMA": "flagged"}},  # extension: matcher
    {"patterns": [[{"LOWER": "she"}, {"TAG": "VBD"}]], "attrs": {"LEMMA": "do"}, "index": -1},  # overrides "v"
]


def _doc(vocab) -> Doc:
    if not Token.has_extension("entente_test_flag"):
        Token.set_extension("entente_test_flag", default=False)
    doc = Doc(vocab, words=WORDS, tags=TAGS, deps=DEPS, heads=HEADS)
    doc[4]._.entente_test_flag = True
    return doc


def _rulers(patterns):
    nlp = spacy.blank("en")
    stock = nlp.add_pipe("attribute_ruler", name="stock")
    fast = nlp.add_pipe(FACTORY, name="fast")
    stock.add_patterns(patterns)  # type: ignore[attr-defined]
    fast.add_patterns(patterns)  # type: ignore[attr-defined]
    return nlp, stock, fast


def test_fast_ruler_matches_stock_on_every_pattern_kind():
    nlp, stock, fast = _rulers(PATTERNS)
    for _ in range(2):  # cold, then from the cache
        a, b = stock(_doc(nlp.vocab)), fast(_doc(nlp.vocab))
        assert _signature(b) == _signature(a)
    compiled = fast._compiled
    assert compiled is not None and not compiled.stock_only
    assert compiled.rest_matcher is not None and len(compiled.multi) == 5
    assert [t.lemma_ for t in a][:9] == ["", "do", "", "v", "flagged", "nothing", "going", "to", "v"]
    assert [t.lemma_ for t in a][9] == "you"


def test_fast_ruler_runs_stock_code_when_patterns_set_shared_state():
    if not Token.has_extension("entente_test_mark"):
        Token.set_extension("entente_test_mark", default=None)
    patterns = PATTERNS + [
        {"patterns": [[{"TAG": "DT"}]], "attrs": {"_": {"entente_test_mark": "det"}}},
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"SHAPE": "noun-shape"}},
    ]
    nlp, stock, fast = _rulers(patterns)
    a = stock(_doc(nlp.vocab))
    b = fast(_doc(nlp.vocab))
    assert fast._compiled is not None and fast._compiled.stock_only
    assert _signature(b) == _signature(a)
    assert [t._.entente_test_mark for t in b] == [t._.entente_test_mark for t in a]


def test_fast_ruler_raises_like_stock_on_a_bad_index():
    patterns = [{"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "x"}, "index": 2}]
    nlp, stock, fast = _rulers(patterns)
    with pytest.raises(ValueError, match="E1001|index"):
        stock(_doc(nlp.vocab))
    with pytest.raises(ValueError, match="E1001|index"):
        fast(_doc(nlp.vocab))
