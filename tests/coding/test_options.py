"""Coder options: the user's dictionaries and the threshold, resolved once per process."""

from __future__ import annotations

import pickle

import pytest

from entente.coding.confidence import default_threshold
from entente.coding.layers import DictionaryLayer, RuleLayer, default_lexicon
from entente.coding.options import (
    CoderOptions, build_coder, check_confidence, coder_for, kept_events, load_dictionaries, make_coder,
)
from entente.lexicon.load import DictionarySetError
from entente.lexicon.petrarch import Discards
from entente.records import Event, Evidence

from tests.conftest import write_dictionaries


def test_options_are_frozen_picklable_and_hashable(user_dictionaries):
    options = CoderOptions(str(user_dictionaries), 0.25)
    assert options.dictionaries == user_dictionaries  # a string becomes a Path
    assert pickle.loads(pickle.dumps(options)) == options
    assert hash(options) == hash(CoderOptions(user_dictionaries, 0.25))
    with pytest.raises(AttributeError):
        options.min_confidence = 0.5  # type: ignore[misc]


@pytest.mark.parametrize("value", [-0.1, 1.01, float("nan"), True, "0.5"])
def test_options_reject_a_threshold_outside_zero_to_one(value):
    with pytest.raises(ValueError, match="from 0 to 1"):
        CoderOptions(None, value)


@pytest.mark.parametrize("value", [None, 0, 0.0, 0.55, 1])
def test_options_accept_none_and_zero_to_one(value):
    assert check_confidence(value) == value


def test_options_coder_is_built_once_per_process(user_dictionaries):
    options = CoderOptions(user_dictionaries, 0.2)
    assert coder_for(options) is coder_for(CoderOptions(user_dictionaries, 0.2))
    assert coder_for(CoderOptions()) is make_coder()


def test_options_defaults_are_entente_lexicon_and_table_threshold():
    coder = make_coder()
    assert coder.lexicon is default_lexicon()
    assert coder.threshold == default_threshold()
    assert coder.actors is None and coder.discards is None


def test_options_user_verbs_come_first_then_rules_then_cameo(user_dictionaries):
    coder = make_coder(dictionaries=user_dictionaries, min_confidence=0)
    first, rules, packaged = coder.lexicon.layers
    assert isinstance(first, DictionaryLayer) and first.verbs.knows("glorb")
    assert isinstance(rules, RuleLayer)
    assert isinstance(packaged, DictionaryLayer) and not packaged.verbs.knows("glorb")
    assert coder.threshold == 0
    assert coder.actors is not None and coder.agents is not None  # the packaged agents, as the folder has none


def test_options_a_dictionary_set_object_works_like_its_folder(user_dictionaries):
    coder = build_coder(default_lexicon(), load_dictionaries(user_dictionaries), None)
    assert [type(layer) for layer in coder.lexicon.layers] == [DictionaryLayer, RuleLayer, DictionaryLayer]
    assert coder.threshold == default_threshold()


def test_options_folder_without_verbs_keeps_entente_lexicon(tmp_path):
    folder = tmp_path / "actors-only"
    folder.mkdir()
    (folder / "my.actors.txt").write_text("QUARNIA_ [XYZ]\n", encoding="utf-8")
    coder = make_coder(dictionaries=folder)
    assert coder.lexicon.layers == default_lexicon().layers
    assert coder.actors is not None


@pytest.mark.parametrize("setup, reason", [
    (lambda p: None, "no such folder"),
    (lambda p: p.mkdir(), "no dictionary files"),
    (lambda p: write_dictionaries(p, verbs="--- GLORB [190] ---\nGLORB\n- * (WITH TIDE [010]\n", actors=None),
     "user.verbs.txt:3: unclosed '('"),
    (lambda p: (write_dictionaries(p), (p / "more.verbs.txt").write_text("", encoding="utf-8")),
     "more than one verbs file"),
])
def test_options_bad_folder_names_folder_code_and_reason(tmp_path, setup, reason):
    folder = tmp_path / "dicts"
    setup(folder)
    with pytest.raises(DictionarySetError) as info:
        load_dictionaries(folder)
    message = str(info.value)
    assert message.startswith(f"E131 cannot use dictionary folder {folder}")
    assert reason in message


def test_options_fingerprint_follows_options_and_file_contents(tmp_path):
    assert CoderOptions().fingerprint() == ""
    folder = write_dictionaries(tmp_path / "d")
    first = CoderOptions(folder, 0.3).fingerprint()
    assert first and first == CoderOptions(folder, 0.3).fingerprint()
    assert first != CoderOptions(folder, 0.5).fingerprint()
    assert CoderOptions(None, 0.3).fingerprint() not in ("", first)
    (folder / "user.actors.txt").write_text("QUARNIA_ [XYW]\n", encoding="utf-8")
    assert CoderOptions(folder, 0.3).fingerprint() != first


def _event(sentence: str) -> Event:
    return Event(source="AAA", target="BBB", cameo="190", plover="ASSAULT", goldstein=-10.0, quad_class=4,
                 evidence=(Evidence(sentence, 0, len(sentence)),))


def test_options_discards_drop_sentences_and_stories():
    kept, dropped = _event("Quarnia glorbed India."), _event("In the football match, Quarnia glorbed India.")
    discards = Discards(sentence=(("football", "match"),), story=(("crossword",),))
    assert kept_events([kept, dropped], "Quarnia glorbed India.", discards) == [kept]
    assert kept_events([kept], "Today's crossword: Quarnia glorbed India.", discards) == []
    assert kept_events([kept, dropped], "any text", None) == [kept, dropped]
