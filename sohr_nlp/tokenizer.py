"""Clitic-aware Arabic tokenizer for spaCy; `Doc.text` is always the user's text unchanged.

What it does beyond splitting on white space:
- splits punctuation and quote marks off words, and digits glued to letters (`-3عمليات`);
- splits the proclitics و ف ب ل ك (and pairs such as وب، فل) off a word when lexical evidence
  says the rest is a word: the article ال, or a known stem (`بريف` → `ب` `ريف`); a protected
  list keeps words whose first letter belongs to them (`بلدة`, `لواء`, `كفر`);
- joins words that SOHR breaks with tatweel and spaces (`مقـ ـتل`) into one token that
  covers all the pieces, whose NORM is the repaired word (`مقتل`).
Every token's NORM is the folded form of `sohr_nlp.arabic.normalize`.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from sohr_nlp.arabic import PROCLITICS, normalize, strip_proclitics

LEXICON_DIR = Path(__file__).parent / "lexicon"
MAX_CHARS = 5_000_000
_MARKS = "\u064b-\u0652\u0670\u0640"
_AR = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06ff"
# One token candidate: an Arabic word (letters, marks, tatweel), a Latin word with digits,
# a number (any script, with inner . or ,), white space, or any other single character.
_PIECE = re.compile(
    rf"(?P<ar>[{_AR}{_MARKS}]+)"
    r"|(?P<lat>[A-Za-z][A-Za-z0-9_]*)"
    r"|(?P<num>[0-9٠-٩۰-۹]+(?:[.,٫][0-9٠-٩۰-۹]+)*)"
    r"|(?P<ws>\s+)"
    r"|(?P<other>.)",
    re.DOTALL,
)
# A word broken by tatweel and spaces: pieces joined by "ـ ـ" (tatweel, one space, tatweel),
# optionally ending with a lone letter split off by a space only (عـ ـمـ ـلـ ـيـ ـا ت).
_BROKEN = re.compile(
    rf"[{_AR}{_MARKS}]*[{_AR}]\u0640+(?: \u0640+[{_AR}{_MARKS}]*[{_AR}](?:\u0640+)?)+"
    rf"(?:(?<=[{_AR}]) (?!و(?![{_AR}]))[{_AR}](?![{_AR}{_MARKS}]))?"
)
# Short words that take a proclitic (وفي، ولم، فمن) and words that only look like one + ال.
FUNCTION_WORDS = frozenset({"في", "من", "عن", "علي", "الي", "لم", "لن", "ما", "لا", "قد", "هو",
                            "هي", "هم", "تم", "كل", "ان", "ان", "مع", "منذ", "بين", "ذلك", "هذا",
                            "هذه", "كان", "كانت", "قبل", "بعد", "حتي", "عند"})
PROTECTED_PREFIXES = ("والد", "بالغ", "وكاله", "وكالات", "بالون", "فالح")


def _read_words(path: Path) -> set[str]:
    if not path.exists():
        return set()
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(normalize(line))
    return words


def default_word_lists() -> tuple[set[str], set[str]]:
    """(stems, protected) from the lexicon folder: the tokenizer's lexical evidence.

    Words of the lexicons count as stems when they begin a name (any length from three
    letters: حلب) or are long enough to be unambiguous (four letters); a lexicon word that
    begins with a proclitic letter is protected unless the rest is itself a lexicon word
    (لكفرنبل is ل + كفرنبل).
    """
    stems = _read_words(LEXICON_DIR / "stems.txt")
    protected = _read_words(LEXICON_DIR / "protected.txt")
    try:
        from sohr_nlp.lexicon import lexicon_words
        firsts, words = lexicon_words()
    except (ImportError, FileNotFoundError):  # the lexicon is optional for the tokenizer
        firsts, words = frozenset(), frozenset()
    known = stems | words
    for word in words:
        if word[:1] not in PROCLITICS:
            if len(word) >= 4 or (word in firsts and len(word) >= 3):
                stems.add(word)
        elif word[1:] not in known and strip_proclitics(word, known=known) == word:
            protected.add(word)
    return stems, protected


class SohrTokenizer:
    """Tokenizer for SOHR Arabic; see the module docstring. Serialisable with the pipeline."""

    def __init__(self, vocab: Vocab, *, stems: Iterable[str] = (),
                 protected: Iterable[str] = ()) -> None:
        self.vocab = vocab
        self.stems = {normalize(w) for w in stems}
        self.protected = {normalize(w) for w in protected}
        self._split_cache: dict[str, int] = {}

    def add_words(self, *, stems: Iterable[str] = (), protected: Iterable[str] = ()) -> None:
        """Add lexical evidence (e.g. the words of a corpus's spans)."""
        self.stems.update(normalize(w) for w in stems)
        self.protected.update(normalize(w) for w in protected)
        self._split_cache.clear()

    def __call__(self, text: str) -> Doc:
        text = check_text(text)
        words, spaces, norms = self.tokenize(text)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        for token, norm in zip(doc, norms):
            if norm is not None:
                token.norm_ = norm
                # LEMMA carries the stem without the article, a feature the NER can use
                token.lemma_ = norm[2:] if norm.startswith("ال") and len(norm) > 4 else norm
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterable[Doc]:
        for text in texts:
            yield self(text)

    # --- the algorithm -----------------------------------------------------------------
    def tokenize(self, text: str) -> tuple[list[str], list[bool], list[str | None]]:
        """Words, trailing-space flags and NORMs whose concatenation is exactly `text`."""
        words: list[str] = []
        spaces: list[bool] = []
        norms: list[str | None] = []
        pos = 0
        for match in _BROKEN.finditer(text):
            self._tokenize_plain(text[pos:match.start()], words, spaces, norms)
            piece = match.group()
            words.append(piece)
            spaces.append(False)
            norms.append(normalize(piece.replace(" ", "")))
            pos = match.end()
        self._tokenize_plain(text[pos:], words, spaces, norms)
        return words, spaces, norms

    def _tokenize_plain(self, text: str, words: list[str], spaces: list[bool],
                        norms: list[str | None]) -> None:
        for match in _PIECE.finditer(text):
            piece, kind = match.group(), match.lastgroup
            if kind == "ws":
                if piece.startswith(" ") and words and not spaces[-1] and not words[-1].isspace():
                    spaces[-1] = True
                    piece = piece[1:]
                if piece:
                    words.append(piece)
                    spaces.append(False)
                    norms.append(None)
                continue
            if kind == "ar":
                cut = self.proclitic_length(piece)
                if cut:
                    head, rest = piece[:cut], piece[cut:]
                    for clitic in _letters(head):
                        words.append(clitic)
                        spaces.append(False)
                        norms.append(normalize(clitic) or clitic)
                    piece = rest
                    if normalize(head)[-1:] == "ل" and normalize(rest).startswith("ل"):
                        words.append(rest)
                        spaces.append(False)
                        norms.append("ا" + normalize(rest))
                        continue
            words.append(piece)
            spaces.append(False)
            norms.append(normalize(piece) or piece)

    def proclitic_length(self, word: str) -> int:
        """Number of characters of `word` (as written) that are proclitics to split off."""
        cached = self._split_cache.get(word)
        if cached is None:
            cached = self._proclitic_length(word)
            if len(self._split_cache) < 500_000:
                self._split_cache[word] = cached
        return cached

    def _proclitic_length(self, word: str) -> int:
        norm = normalize(word)
        if len(norm) < 3 or norm[0] not in PROCLITICS or norm in self.protected or \
                norm.startswith(PROTECTED_PREFIXES):
            return 0
        for size in (1, 2):
            prefix, rest = norm[:size], norm[size:]
            if any(ch not in PROCLITICS for ch in prefix) or len(rest) < 2:
                continue
            if size == 2 and (prefix[1] == "و" or prefix == "لل"):
                continue  # و is never the second proclitic; لل is ل + a word in ال
            if self._is_word(prefix, rest):
                return _raw_length(word, size)
        return 0

    def _is_word(self, prefix: str, rest: str) -> bool:
        """Whether `rest` is a word that the proclitic(s) `prefix` can be split from."""
        if rest in FUNCTION_WORDS or (rest in self.protected and len(rest) > 2):
            return True
        if rest.startswith("ال") and len(rest) >= 4:
            return True
        if prefix[-1] == "ل" and rest.startswith("ل") and len(rest) >= 3:
            return "ا" + rest in self.stems or len(rest) >= 4  # للقوات: the alef of ال dropped
        return rest in self.stems

    # --- serialisation -----------------------------------------------------------------
    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        data = {"stems": sorted(self.stems), "protected": sorted(self.protected)}
        return json.dumps(data, ensure_ascii=False).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "SohrTokenizer":
        loaded = json.loads(data.decode("utf-8"))
        self.stems, self.protected = set(loaded["stems"]), set(loaded["protected"])
        self._split_cache.clear()
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "words.json").write_bytes(self.to_bytes())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "SohrTokenizer":
        return self.from_bytes((Path(path) / "words.json").read_bytes())


def _raw_length(word: str, letters: int) -> int:
    """Characters of `word` up to and including its first `letters` letters and their marks."""
    seen = 0
    for i, ch in enumerate(word):
        if re.match(rf"[{_MARKS}]", ch):
            continue
        if seen == letters:
            return i
        seen += 1
    return len(word)


def _letters(text: str) -> list[str]:
    """Split a run of proclitics into one piece a letter, marks staying with their letter."""
    pieces: list[str] = []
    for ch in text:
        if pieces and re.match(rf"[{_MARKS}]", ch):
            pieces[-1] += ch
        else:
            pieces.append(ch)
    return pieces


def check_text(text: Any) -> str:
    """The text itself, or a clear error for what is not text a tokenizer can take."""
    if isinstance(text, (bytes, bytearray)):
        raise TypeError(
            "(sohr_nlp) [E001] Got bytes, not str. Decode the report first, "
            "e.g. data.decode('utf-8')."
        )
    if not isinstance(text, str):
        raise TypeError(
            f"(sohr_nlp) [E002] Expected the report text as str, got {type(text).__name__}."
        )
    if len(text) > MAX_CHARS:
        raise ValueError(
            f"(sohr_nlp) [E003] Text of {len(text):,} characters is longer than the limit of "
            f"{MAX_CHARS:,}. Split it into reports or paragraphs first."
        )
    return text


@registry.tokenizers("sohr.tokenizer.v1")
def create_sohr_tokenizer() -> Any:
    """Registered factory: `[nlp.tokenizer] @tokenizers = "sohr.tokenizer.v1"`."""

    def make(nlp: Any) -> SohrTokenizer:
        stems, protected = default_word_lists()
        return SohrTokenizer(nlp.vocab, stems=stems, protected=protected)

    return make


@lru_cache(maxsize=1)
def blank() -> Any:
    """A blank Arabic pipeline with this tokenizer (cached; for tests and tools)."""
    import spacy

    nlp = spacy.blank("ar", config={"nlp": {"tokenizer": {"@tokenizers": "sohr.tokenizer.v1"}}})
    nlp.max_length = MAX_CHARS
    return nlp
