"""Quotes: direct speech and who said it (``find_quotes``).

1. **Spans**: straight (") and curly (“ ”) double quotes, paired by the side of
   the word they touch and by nesting depth, so a quote may run over several
   sentences and keep inner quotes. A paragraph ending inside a quote, then one
   opening with a mark, continues it (news convention): one ``Quote`` per
   paragraph, same speaker. Unclosed before a blank line: dropped. ‘…’ counts
   only with a speech cue and ``SINGLE_MIN_WORDS`` words (mostly scare quotes).
2. **Not quotes**: titles and names (title case, "titled …", 'the slogan "…"'),
   'described as / dubbed / so-called "…"' under ``FRAMED_MIN_WORDS`` words, and
   phrases under ``QUOTE_MIN_WORDS`` unless a cue touches them ('"No," he said.')
   or they are a sentence on their own.
3. **Speaker** (``Quote.basis``), first that applies: ``subject`` (of the nearest
   speech verb governing or next to the quote; "said X" too), ``reported-saying``
   ("quoted X as saying"), ``pronoun`` (such a subject is he/she/they/it: nearest
   earlier fitting actor, sentence subjects first), ``according-to`` /
   ``in-the-words-of`` (the phrase's object), ``colon-intro`` (a known actor
   before a colon), ``following-attribution`` (a later paragraph of the quote
   names it), ``preceding-sentence`` (a lone quote after speech given to X).
   Never guessed: ``None`` when the text does not say. Cues: ``data/speech_verbs.tsv``.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import takewhile
from typing import NamedTuple, Sequence

from spacy.attrs import IDX, IS_SPACE, ORTH
from spacy.tokens import Doc, Token

from entente.nlp.doctext import Sentences, doc_text
from entente.nlp.countries import CountryMention
from entente.records import Actor, Quote, entity_texts

QUOTE_MIN_WORDS = 5  # shorter, uncued phrases are scare quotes or names
SINGLE_MIN_WORDS = 6  # ‘…’ is far more often a scare quote than speech
GOVERNED_MIN_WORDS = 3  # a partial quote inside a speech verb's clause, shorter is a scare quote
FRAMED_MIN_WORDS = 8  # 'described it as "…"' is a quote only when long
ADJACENT_MAX = 12  # tokens between a speech verb and the quote it touches
CONTEXT_MAX = 40  # tokens looked at on each side of a quote
PRONOUN_SEGMENTS = 3  # how many sentences back a pronoun may reach
TERMINAL = frozenset({".", "!", "?", "…"})
OPEN_AFTER = frozenset(" \t\n([{—–-/")
CLOSE_BEFORE = frozenset(" \t\n.,;:!?)]}—–-/")
BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
DOUBLE_MARK = re.compile('["“”]')
SINGLE = re.compile(r"(?<![\w’])‘(?=\S)[^\n]+?(?<=\S)’(?!\w)")
DESCRIBE = frozenset({"describe", "call", "dub", "term", "label", "brand", "nickname", "characterise",
                      "characterize", "refer", "know", "hail", "denounce"})
FRAME_FILLERS = frozenset({"DET", "PRON", "NOUN", "PROPN", "ADJ", "NUM"})
TITLED = frozenset({"titled", "entitled", "headlined", "captioned", "codenamed", "code-named", "named"})
WORKS = frozenset({"book", "film", "movie", "documentary", "novel", "song", "album", "slogan", "motto",
                   "hashtag", "banner", "campaign", "operation", "programme", "program", "series", "show",
                   "column", "op-ed", "essay", "play", "poem", "memoir", "podcast", "exercise", "initiative"})
SMALL_WORDS = frozenset({"of", "the", "and", "in", "on", "for", "a", "an", "to", "at", "with", "de", "by"})
PRONOUN_KINDS = {"he": ("person",), "she": ("person",), "him": ("person",), "her": ("person",),
                 "they": ("group", "org", "person"), "it": ("org", "group")}


class SpeechCues(NamedTuple):
    """Speech cues by kind (``data/speech_verbs.tsv``)."""

    verbs: frozenset[str]
    sources: tuple[tuple[str, ...], ...]  # longest first
    relays: frozenset[str]
    documents: frozenset[str] = frozenset()  # "the statement said": whoever issued it speaks
    titles: frozenset[str] = frozenset()  # "the minister said": the person named under that title
    people: frozenset[str] = frozenset()  # "the Brazilian leader said": the person of that country


@lru_cache(maxsize=1)
def speech_cues() -> SpeechCues:
    """The packaged speech verbs and attribution phrases."""
    rows: dict[str, list[str]] = {"verb": [], "source": [], "relay": [], "document": [], "title": [], "person": []}
    path = resources.files("entente") / "data" / "speech_verbs.tsv"
    with path.open(encoding="utf-8") as fh:
        lines = (line for line in fh if line.strip() and not line.startswith("#"))
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            rows[row["kind"].strip()].append(row["cue"].strip().lower())
    sources = sorted((tuple(s.split()) for s in rows["source"]), key=len, reverse=True)
    return SpeechCues(frozenset(rows["verb"]), tuple(sources), frozenset(rows["relay"]), frozenset(rows["document"]),
                      frozenset(rows["title"]), frozenset(rows["person"]))


@dataclass(frozen=True, slots=True)
class _Piece:
    """Marks at ``open``/``close`` (None: continued next paragraph); words at ``start:end``."""

    open: int
    close: int | None
    start: int
    end: int
    group: int
    single: bool = False

    @property
    def stop(self) -> int:
        return self.close + 1 if self.close is not None else self.end


class _Cue(NamedTuple):
    """A quote's cue, the token naming its speaker, and whether it touches the quote."""

    who: Token | None
    cue: str | None
    basis: str
    touching: bool = False
    # the speech verb's clause holds the quote ("said his country will send it "as soon as possible"")
    governs: bool = False


class _Speaker(NamedTuple):
    name: str
    country: str | None
    role: str | None
    via: str = "actor"  # actor | pronoun | phrase


class _Layout:
    """Which quote each token is in, and a sentence number per token: cut at . ! ?
    outside quotes, line breaks and quotes ending a sentence (never inside a quote)."""

    def __init__(self, doc: Doc, text: str, pieces: list[_Piece], sents: Sentences) -> None:
        # Offsets, texts and spaces read as arrays: no Token object per word.
        cols = doc.to_array([IDX, ORTH, IS_SPACE]).tolist()
        strings = doc.vocab.strings
        self.doc, self.text, self.pieces, self.sents = doc, text, pieces, sents
        self.starts = [c[0] for c in cols]
        self.texts = [strings[c[1]] for c in cols]
        self.space = [bool(c[2]) for c in cols]
        self._tokens: dict[int, list[Token]] = {}
        self.first = [self.at(p.open) for p in pieces]
        self.last = [self.at(p.stop - 1) for p in pieces]
        self.owner = [-1] * len(doc)
        for k in range(len(pieces)):
            self.owner[self.first[k]: self.last[k] + 1] = [k] * (self.last[k] + 1 - self.first[k])
        self.seg = self._segments()
        self.names: dict[int, str] = {}  # each actor entity's fullest written name
        self.countries: dict[int, str] = {}  # token -> the country a country name there stands for

    def at(self, char: int) -> int:
        """The token holding character ``char``."""
        return bisect_right(self.starts, char) - 1

    def _segments(self) -> list[int]:
        seg, out, words = 0, [], False
        for i, text in enumerate(self.texts):
            out.append(seg)
            k, words = self.owner[i], words or not self.space[i]
            ends_quote = k >= 0 and i == self.last[k] and _terminal(self.text, self.pieces[k])
            # A token's trailing whitespace is one space or none: a line break is in its text.
            if words and ("\n" in text or ends_quote or k < 0 and text in TERMINAL):
                seg, words = seg + 1, False
        return out

    def before(self, k: int) -> list[Token]:
        """Words before quote ``k`` in its sentence, other quotes left out."""
        return self._run(range(self.first[k] - 1, -1, -1), self.seg[self.first[k]], False)[::-1]

    def after(self, k: int) -> tuple[list[Token], bool]:
        """Words after quote ``k`` to the sentence end or next quote; after a quote ending
        its own sentence ('"We won." Trump said.') the next sentence, flagged ``loose``."""
        loose = _terminal(self.text, self.pieces[k])
        seg = self.seg[self.last[k]] + (1 if loose else 0)
        return self._run(range(self.last[k] + 1, len(self.doc)), seg, True), loose

    def _run(self, indices: range, seg: int, stop_at_quote: bool) -> list[Token]:
        out: list[Token] = []
        for i in indices:
            if self.seg[i] != seg or len(out) >= CONTEXT_MAX or stop_at_quote and self.owner[i] >= 0:
                break
            if self.owner[i] < 0 and not self.space[i]:
                out.append(self.doc[i])
        return out

    def tokens(self, k: int) -> list[Token]:
        found = self._tokens.get(k)
        if found is None:
            start, doc = self.pieces[k].start, self.doc
            found = self._tokens[k] = [doc[i] for i in range(self.first[k], self.last[k] + 1)
                                       if self.starts[i] >= start]
        return list(found)


def find_quotes(doc: Doc, actors: Sequence[Actor], countries: Sequence[CountryMention] = (), *,
                sents: Sentences | None = None) -> list[Quote]:
    """Direct quotes in ``doc`` with their speakers, in text order.

    actors (Sequence[Actor]): the actors found in this same ``Doc``.
    countries (Sequence[CountryMention]): its country mentions (a statement's issuer may be a state).
    sents (Sentences | None): the document's sentences, listed once (default: listed here).
    RETURNS (list[Quote]): ``text == doc.text[start:end]``, marks excluded.
    """
    text = doc_text(doc)
    pieces = _double_pieces(text)
    pieces = sorted(pieces + _single_pieces(text, pieces), key=lambda p: p.open)
    if not pieces:
        return []
    cues = speech_cues()
    lay = _Layout(doc, text, pieces, sents if sents is not None else Sentences(doc))
    found: dict[int, tuple[_Cue | None, bool]] = {}
    for k in range(len(pieces)):
        before, (after, loose) = lay.before(k), lay.after(k)
        cue = _find_cue(lay, k, before, after, loose, cues)
        alone = cue is None and not _words(before) and (loose or not _words(after))
        if _is_quote(lay, k, before, cue, alone):
            found[k] = (cue, alone)
    lay.names = entity_texts(actors)
    lay.countries = {i: m.iso3 for m in countries for i in range(m.start, m.end)}
    return _attribute(lay, found, list(actors), cues)


# ---------------------------------------------------------------- quoted spans

def _double_pieces(text: str) -> list[_Piece]:
    """Pair double quote marks by side and depth; see the module docstring."""
    pieces: list[_Piece] = []
    pending: list[_Piece] = []
    opened, depth, group = -1, 0, 0
    for mark in DOUBLE_MARK.finditer(text):
        i, ch = mark.start(), mark.group()
        role, line_start = _role(text, i), text[max(0, i - 20): i].rstrip(" \t").endswith("\n")
        if depth and role != "close" and line_start and "\n" in text[opened:i]:
            pending.append(_make(text, opened, None, text.rfind("\n", opened, i), group))
            opened, depth = i, 1  # the next paragraph continues the quote
        elif depth and BLANK_LINE.search(text, opened, i):
            pending, depth = [], 0  # never closed before a blank line: not a quote
            if role != "close":
                opened, depth = i, 1
        elif depth and (ch == "“" or ch == '"' and role == "open" and _nested_open(text, i)):
            depth += 1  # a quote inside the quote
        elif depth:
            depth -= 1
            if depth == 0:
                pieces += pending + [_make(text, opened, i, i, group)]
                pending, group = [], group + 1
        elif role != "close":
            opened, depth = i, 1
    return [p for p in pieces if p.end > p.start]


def _role(text: str, i: int) -> str:
    if text[i] != '"':
        return "open" if text[i] == "“" else "close"
    prev = text[i - 1] if i else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    opens, closes = prev in OPEN_AFTER and not nxt.isspace(), nxt in CLOSE_BEFORE and not prev.isspace()
    return "open" if opens and not closes else "close" if closes and not opens else "either"


def _nested_open(text: str, i: int) -> bool:
    """A straight quote opening inside a quote: it must close before the outer one."""
    nxt = text.find('"', i + 1)
    return nxt > 0 and _role(text, nxt) == "close" and text.find('"', nxt + 1) > 0


def _make(text: str, mark: int, close: int | None, end: int, group: int, single: bool = False) -> _Piece:
    """The piece between ``mark`` and ``end``, without outer blanks or a trailing comma."""
    inner = text[mark + 1: end]
    start = mark + 1 + len(inner) - len(inner.lstrip())
    return _Piece(mark, close, start, max(start, mark + 1 + len(inner.rstrip(", \t\r\n"))), group, single)


def _single_pieces(text: str, doubles: list[_Piece]) -> list[_Piece]:
    """‘…’ outside double quotes; a ’ followed by a letter is an apostrophe ("Pakistan’s")."""
    out: list[_Piece] = []
    for m in SINGLE.finditer(text):
        if not any(p.open < m.start() < p.stop for p in doubles):
            out.append(_make(text, m.start(), m.end() - 1, m.end() - 1, -1 - len(out), single=True))
    return out


def _terminal(text: str, piece: _Piece) -> bool:
    body = text[piece.start: piece.end].rstrip("’'”\"")
    return bool(body) and body[-1] in TERMINAL


def _words(tokens: Sequence[Token]) -> list[Token]:
    return [t for t in tokens if not t.is_punct and not t.is_space]


# ---------------------------------------------------------------- is it a quote?

def _is_quote(lay: _Layout, k: int, before: list[Token], cue: _Cue | None, alone: bool) -> bool:
    piece, text, words = lay.pieces[k], lay.text, _words(lay.tokens(k))
    n = len(words)
    if n == 0 or _titled(before) or _described(before) and n < FRAMED_MIN_WORDS:
        return False
    if piece.single:
        return cue is not None and n >= SINGLE_MIN_WORDS
    body = text[piece.start: piece.end]
    if _title_case(words) and body[-1:] not in TERMINAL and text[piece.end: piece.end + 1] != ",":
        return False  # "City of Eagles", "Make America Great Again"
    if n >= QUOTE_MIN_WORDS or cue is not None and cue.touching:
        return True
    if cue is not None and cue.governs and n >= GOVERNED_MIN_WORDS:
        return True  # a partial quote inside the reported clause
    return alone and body[:1].isupper() and _terminal(text, piece)


def _titled(before: list[Token]) -> bool:
    """'a report titled "…"', 'the slogan "…"': a name of a work, not speech."""
    return bool({t.lower_ for t in before[-3:]} & TITLED) or bool(before) and before[-1].lower_ in WORKS


def _described(before: list[Token]) -> bool:
    """'described the talks as "…"', 'dubbed it "…"', 'the so-called "…"'."""
    if before and (before[-1].lower_ == "so-called" or [t.lower_ for t in before[-2:]] == ["so", "called"]):
        return True
    window = before[-6:]
    hits = [j for j, t in enumerate(window) if t.lemma_.lower() in DESCRIBE]
    rest = window[hits[-1] + 1:] if hits else []
    return bool(hits) and all(t.pos_ in FRAME_FILLERS or t.lower_ == "as" for t in rest)


def _title_case(words: list[Token]) -> bool:
    alpha = [t for t in words if t.is_alpha]
    return bool(alpha) and all(t.text[0].isupper() for t in alpha if t.lower_ not in SMALL_WORDS)


# ---------------------------------------------------------------- cues

def _find_cue(lay: _Layout, k: int, before: list[Token], after: list[Token], loose: bool,
              cues: SpeechCues) -> _Cue | None:
    """The strongest cue around quote ``k``: speech verb, "according to", then colon."""
    words = _words(lay.tokens(k))
    inside = {t.i for t in words}
    above = {a.i for t in words for a in t.ancestors}
    options = [(lay.first[k] - v.i, v, lay.first[k]) for v in before
               if _attached(v, lay.first[k], inside, above, cues)]
    options += [(v.i - lay.last[k], v, lay.last[k]) for v in after
                if _attached(v, lay.last[k], inside, above, cues) and not (loose and _own_clause(v, inside))]
    if not options:
        return _source(before + after, cues) or _colon(before)
    if any(v.i in above and v.i < lay.first[k] for _, v, _ in options):
        # 'X said his country will send arms "as quickly as possible," and Y said ...': the verb whose
        # clause holds the quote speaks it, not a later one reporting something else
        options = [o for o in options if not (o[1].i > lay.last[k] and _own_clause(o[1], inside))] or options
    _, verb, edge = min(options, key=lambda o: o[0])
    touching = _touching(verb, edge, lay.text[lay.pieces[k].end - 1: lay.pieces[k].stop])
    relay = _relay(verb, cues) or _Cue(_subject(verb, after), verb.lemma_.lower(), "subject")
    return relay._replace(touching=touching, governs=verb.i in above and verb.i < lay.first[k])


def _source(context: list[Token], cues: SpeechCues) -> _Cue | None:
    """"according to X", "in the words of X": the phrase's object speaks."""
    lowered = [t.lower_ for t in context]
    for phrase in cues.sources:
        for j in range(len(context) - len(phrase) + 1):
            if tuple(lowered[j: j + len(phrase)]) != phrase:
                continue
            end = j + len(phrase)
            obj = next((c for c in context[end - 1].children if c.dep_ in ("pobj", "dobj")), None)
            obj = obj or next((t for t in context[end: end + 4] if t.pos_ == "PROPN"), None)
            return _Cue(obj, " ".join(phrase), "-".join(phrase), touching=True)
    return None


def _attached(v: Token, edge: int, inside: set[int], above: set[int], cues: SpeechCues) -> bool:
    """A speech verb that governs the quote, hangs off it, or sits right next to it."""
    if v.lemma_.lower() not in cues.verbs or v.pos_ not in ("VERB", "AUX"):
        return False
    if v.i in above or any(a.i in inside for a in v.ancestors):
        return True
    gap = v.doc[min(v.i, edge) + 1: max(v.i, edge)]
    return len(gap) <= ADJACENT_MAX and not any(t.pos_ == "VERB" for t in gap)


def _touching(v: Token, edge: int, tail: str) -> bool:
    """'X said: "No."' / '"No," he said.': only a comma, colon, "that" or the subject between."""
    lo, hi = sorted((v.i, edge))
    gap = [t for t in v.doc[lo + 1: hi] if not t.is_space]
    if len(gap) > 6 or any(t.pos_ == "VERB" for t in gap):
        return False
    if v.i < edge:
        return not gap or gap[-1].text in (",", ":") or gap[-1].lower_ == "that"
    return any(c in tail for c in ",!?—") or bool(gap) and gap[0].text == ","


def _own_clause(v: Token, inside: set[int]) -> bool:
    """'"We won." Trump said the talks failed.': the verb reports something else."""
    return any(c.dep_ in ("ccomp", "xcomp") and c.i not in inside for c in v.children)


def _subject(v: Token, after: list[Token]) -> Token | None:
    """The speech verb's subject, climbing "…, adding" and "and added" to the main verb."""
    verb = v
    for _ in range(3):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:  # two when the parser joins clauses: the nearest speaks
            return min(subjects, key=lambda c: abs(c.i - v.i))
        if verb.dep_ not in ("conj", "advcl", "xcomp", "pcomp", "prep") or verb.head is verb:
            break
        verb = verb.head
    return _inverted(v, after)


def _inverted(v: Token, after: list[Token]) -> Token | None:
    """'"…," said Foreign Minister X' when the parser gave the verb no subject."""
    ids = {t.i for t in after}
    run = takewhile(lambda t: t.i in ids and t.pos_ in ("PROPN", "NOUN", "ADJ", "DET"), v.doc[v.i + 1: v.i + 7])
    return next((t for t in reversed(list(run)) if t.pos_ == "PROPN"), None)


def _relay(v: Token, cues: SpeechCues) -> _Cue | None:
    """"Reuters quoted X as saying", "X was quoted as saying": X speaks."""
    head = v.head.head if v.head.lower_ == "as" else v.head
    if v.lemma_.lower() != "say" or v.tag_ != "VBG" or head is v or head.lemma_.lower() not in cues.relays:
        return None
    who = next((c for c in sorted(head.children, key=lambda c: c.dep_) if c.dep_ in ("dobj", "nsubjpass")), None)
    return _Cue(who, "say", "reported-saying") if who is not None else None


def _colon(before: list[Token]) -> _Cue | None:
    """'Trump on Truth Social: "…"': an actor introducing a quote with a colon."""
    if not before or before[-1].text != ":":
        return None
    head = before[-1].head
    subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None and not any(t.pos_ == "VERB" for t in before):
        subj = next((t for t in before if t.pos_ == "PROPN"), None)
    return _Cue(subj, None, "colon-intro", touching=True) if subj is not None else None


# ---------------------------------------------------------------- speakers

def _attribute(lay: _Layout, found: dict[int, tuple[_Cue | None, bool]], actors: list[Actor],
               cues: SpeechCues) -> list[Quote]:
    speakers: dict[int, tuple[_Speaker | None, _Cue | None]] = {}
    for k, (cue, _) in found.items():
        who = _resolve(cue.who, lay, actors) if cue and cue.who is not None else None
        if cue is not None and cue.basis == "colon-intro" and who is not None and who.via != "actor":
            who = None  # without a speech verb only a known actor introduces a quote
        speakers[k] = (who, cue)
    for k, (_, alone) in found.items():
        if speakers[k][0] is None and alone:
            speakers[k] = _from_group(lay, k, speakers) or _from_previous(lay, k, speakers, actors, cues) \
                or speakers[k]
    return [_record(lay, k, *speakers[k]) for k in sorted(found)]


def _record(lay: _Layout, k: int, who: _Speaker | None, cue: _Cue | None) -> Quote:
    piece = lay.pieces[k]
    basis = ("pronoun" if who.via == "pronoun" and cue.basis == "subject" else cue.basis) if cue and who else None
    return Quote(text=lay.text[piece.start: piece.end], start=piece.start, end=piece.end,
                 speaker=who.name if who else None, speaker_country=who.country if who else None,
                 speaker_role=who.role if who else None, cue=cue.cue if cue else None, basis=basis)


def _from_group(lay: _Layout, k: int, speakers: dict) -> tuple[_Speaker, _Cue] | None:
    """Another paragraph of the same quote that names its speaker."""
    group = lay.pieces[k].group
    same = [j for j in speakers if j != k and lay.pieces[j].group == group and speakers[j][0]]
    if not same:
        return None
    j = min(same, key=lambda j: (j < k, abs(j - k)))
    who, cue = speakers[j]
    return who, _Cue(None, cue.cue if cue else None, "following-attribution" if j > k else "preceding-sentence")


def _from_previous(lay: _Layout, k: int, speakers: dict, actors: list[Actor],
                   cues: SpeechCues) -> tuple[_Speaker, _Cue] | None:
    """A quote standing alone after a sentence that gave speech to someone."""
    i = lay.first[k] - 1
    while i >= 0 and (lay.seg[i] == lay.seg[lay.first[k]] or lay.space[i]):
        i -= 1
    prev = lay.seg[i] if i >= 0 else -1
    earlier = [j for j in speakers if j < k and lay.seg[lay.first[j]] == prev and speakers[j][0]]
    if earlier:
        who, cue = speakers[earlier[-1]]
        return who, _Cue(None, cue.cue if cue else None, "preceding-sentence")
    sentence = takewhile(lambda t: lay.seg[t.i] == prev, (lay.doc[j] for j in range(i, -1, -1)))
    verbs = [t for t in sentence if lay.owner[t.i] < 0 and t.pos_ == "VERB" and t.lemma_.lower() in cues.verbs]
    for tok in reversed(verbs):
        subj = _subject(tok, [])
        who = _resolve(subj, lay, actors) if subj is not None else None
        if who is not None:
            return who, _Cue(None, tok.lemma_.lower(), "preceding-sentence")
    return None


def _resolve(who: Token, lay: _Layout, actors: list[Actor]) -> _Speaker | None:
    """The actor behind a subject token, an antecedent for a pronoun, or the noun phrase."""
    if who.lower_ in ("who", "that", "which") and who.head.dep_ == "relcl":
        who = who.head.head  # "Trump, who said …"
    if lay.owner[who.i] >= 0:
        return None
    actor = _actor_at(who, actors)
    if actor is not None:
        return _Speaker(_speaker_name(actor, lay), actor.country, actor.role)
    if who.lemma_.lower() in speech_cues().documents:
        issuer = _issuer(who, lay, actors)  # '"...," the statement said': whoever issued it
        if issuer is not None:
            return issuer
    if who.pos_ == "PRON":
        return _antecedent(who, lay, actors)
    if who.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "the" for c in who.children):
        named = _titled_antecedent(who, lay, actors)  # "Kenyan Foreign Minister X arrived ... the minister said"
        if named is not None:
            return named
    if who.pos_ not in ("NOUN", "PROPN"):
        return None
    inside = _person_within(who, lay, actors)
    if inside is not None:  # "The Governor of Kharkiv Oblast Oleh Synyehubov stated"
        return _Speaker(_speaker_name(inside, lay), inside.country, inside.role)
    span = _noun_phrase(who)
    first, last = span[0].idx, span[-1].idx + len(span[-1])
    inner = [a for a in actors if a.country and a.start < last and first < a.end]
    body = next((a for a in inner if a.kind in ("group", "org")), None)
    return _Speaker(lay.text[first:last], inner[0].country if inner else None,
                    body.role if body else None, via="phrase")


def _titled_antecedent(who: Token, lay: _Layout, actors: list[Actor]) -> _Speaker | None:
    """"the minister", "the Brazilian leader", "the spokesman": the nearest person named a few
    sentences before under that title (or, for a generic noun, of the country its modifier names)."""
    word = who.lemma_.lower()
    titled = word in speech_cues().titles
    if not titled and word not in speech_cues().people:
        return None
    country = next((lay.countries[c.i] for c in who.children if c.i in lay.countries), None)
    low = lay.seg[who.i] - PRONOUN_SEGMENTS
    for a in sorted((a for a in actors if a.kind == "person" and a.end <= who.idx), key=lambda a: -a.start):
        i = lay.at(a.start)
        if lay.owner[i] >= 0:
            continue
        if lay.seg[i] < low:
            break
        if country and a.country != country:
            continue
        near = " ".join(t.lower_ for t in lay.doc[max(i - 5, 0): lay.at(a.end - 1) + 6])
        if titled and word not in near:
            continue
        return _Speaker(_speaker_name(a, lay), a.country, a.role, via="pronoun")
    return None


def _issuer(doc_noun: Token, lay: _Layout, actors: list[Actor]) -> _Speaker | None:
    """Who issued a statement that "said" something: its owner ("the ministry's statement", "a
    statement from Ankara"), else the subject of the sentence before that names an actor or a country
    ("Pakistan rejected the claims. '...,' the statement said")."""
    owners = [c for c in doc_noun.children if c.dep_ == "poss"]
    owners += [g for c in doc_noun.children if c.dep_ == "prep" and c.lower_ in ("from", "by", "of")
               for g in c.children if g.dep_ == "pobj"]
    for tok in owners:
        found = _actor_at(tok, actors)
        if found is not None:
            return _Speaker(_speaker_name(found, lay), found.country, found.role)
        if tok.i in lay.countries:
            return _Speaker(tok.text, lay.countries[tok.i], "GOV")
    k = lay.sents.index_of(doc_noun.i)
    if k == 0:
        return None
    before = lay.sents.spans[k - 1]
    for tok in before:
        if tok.dep_ not in ("nsubj", "nsubjpass") or lay.owner[tok.i] >= 0:
            continue
        found = _actor_at(tok, actors)
        if found is not None:
            return _Speaker(_speaker_name(found, lay), found.country, found.role, via="pronoun")
        country = lay.countries.get(tok.i)
        if country is not None:
            return _Speaker(tok.text, country, "GOV", via="pronoun")
    return None


def _person_within(who: Token, lay: _Layout, actors: list[Actor]) -> Actor | None:
    """A named person inside a subject phrase headed by a title or office ("The Governor of X Oblast
    Oleh Synyehubov"), outside any quote."""
    if who.pos_ not in ("NOUN", "PROPN"):
        return None
    for tok in who.subtree:
        if tok.i == who.i or lay.owner[tok.i] >= 0 or tok.dep_ in ("relcl", "acl"):
            continue
        hit = next((a for a in actors if a.kind == "person" and a.start <= tok.idx < a.end), None)
        if hit is not None:
            return hit
    return None


def _speaker_name(actor: Actor, lay: _Layout) -> str:
    """The speaker as the text names them in full ("Adel al-Jubeir" for a later "Jubeir said"); a
    person only ever named by one word takes the dictionary's name ("Trump" -> "Donald Trump")."""
    written = lay.names.get(actor.entity, actor.text)
    return written if len(written.split()) > 1 else actor.name


def _actor_at(who: Token, actors: list[Actor]) -> Actor | None:
    near = [who] + [c for c in who.children if c.dep_ in ("compound", "flat", "appos")]
    near += [g for c in near[1:] if c.dep_ == "appos" for g in c.children if g.dep_ == "compound"]
    for tok in near:
        hit = next((a for a in actors if a.start < tok.idx + len(tok) and tok.idx < a.end), None)
        if hit is not None:
            return hit
    return None


def _antecedent(pron: Token, lay: _Layout, actors: list[Actor]) -> _Speaker | None:
    """he/she -> the nearest earlier person; they -> group, org or person; it -> org or group."""
    kinds = PRONOUN_KINDS.get(pron.lower_, ())
    low = lay.seg[pron.i] - PRONOUN_SEGMENTS
    fits = [a for a in actors if a.end <= pron.idx and a.kind in kinds]
    fits = [a for a in fits if lay.owner[lay.at(a.start)] < 0 and lay.seg[lay.at(a.start)] >= low]
    # The subject of a sentence is what a later "he said" picks up: "Dar met Rubio. '…,' he said."
    subjects = [a for a in fits if lay.doc[lay.at(a.end - 1)].dep_ in ("nsubj", "nsubjpass")]
    best = max(subjects or fits, key=lambda a: a.start, default=None)
    return _Speaker(_speaker_name(best, lay), best.country, best.role, via="pronoun") if best else None


def _noun_phrase(who: Token) -> list[Token]:
    """"the senior official, who asked not to be named" -> "senior official"."""
    left = min(t.i for t in who.subtree if t.i <= who.i and not t.is_punct)
    toks = list(who.doc[left: who.i + 1])
    while len(toks) > 1 and toks[0].dep_ in ("det", "predet"):
        toks = toks[1:]
    return toks
