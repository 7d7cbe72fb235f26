"""Helpers shared by the interchange formats: problem lists, ids, rescaling, safe zips.

Every importer collects *all* problems of a file before refusing it (all or nothing), each
problem naming its place in the file's own terms (a line, a row and column, an element path,
a field path).

>>> emotion_to_five(-3), emotion_to_five(0), emotion_to_five(0.75), emotion_to_five(3)
(1, 3, 4, 5)
>>> five_to_emotion(1), five_to_emotion(2), five_to_emotion(5)
(-3.0, -1.5, 3.0)
>>> slug("Scoperta & Ricerca!")
'scoperta-ricerca'
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
import zipfile

from journeymap.domain.errors import ImportRefused
from journeymap.i18n import t
from journeymap.interchange import native

MAX_PROBLEMS = native.MAX_PROBLEMS
#: a zip (a CSV bundle or an .xlsx) may not unpack to more than this, nor hold more members;
#: the packed size limit is the native format's ``MAX_FILE_BYTES`` (one limit for every format)
MAX_UNZIPPED_BYTES = 64 * 1024 * 1024
MAX_ZIP_MEMBERS = 200

#: The 1..5 scale used by Mermaid scores and CJML experience ratings, and our −3..+3 emotion.
#: export: five = round_half_up((emotion + 3) * 4 / 6 + 1)   (−3→1, −1.5→2, 0→3, 1.5→4, 3→5)
#: import: emotion = (five − 3) * 1.5                         (1→−3, 2→−1.5, 3→0, 4→1.5, 5→3)
FIVE_TO_EMOTION = "(x-3)*1.5"
EMOTION_TO_FIVE = "round((e+3)*4/6+1)"


Problems = native.Problems  # one implementation for every format


class Note(str):
    """One thing an import did that the user should know, translatable.

    The string itself is the English text (so a note reads well in a log or a test); the
    message key and values give it in any language with :meth:`text`. ``left_out`` marks
    what the file held and journeymap did not keep (the list ``check``/``import`` and the
    app's preview show first); other notes say what was rescaled, derived or kept elsewhere.

    >>> n = Note("mermaid.acc_descr_kept", left_out=False)
    >>> n.text("it") != n.text("en"), n.left_out
    (True, False)
    """

    key: str
    values: dict
    left_out: bool

    def __new__(cls, key: str, /, left_out: bool = False, **values):
        full = f"interchange.note.{key}"
        self = super().__new__(cls, t(full, "en", **values))
        self.key = full
        self.values = values
        self.left_out = left_out
        return self

    def text(self, lang: str = "en") -> str:
        return t(self.key, lang, **self.values)


def note_text(note: str, lang: str = "en") -> str:
    """A note in ``lang`` (a plain string, from an older importer, is shown as it is)."""
    return note.text(lang) if isinstance(note, Note) else str(note)


def left_out(key: str, /, **values) -> Note:
    """A note about something the file held and the import did not keep."""
    return Note(key, left_out=True, **values)


def round_half_up(x: float) -> int:
    return int(math.floor(x + 0.5))


def emotion_to_five(emotion: float) -> int:
    """−3..+3 → 1..5 (documented above); clamped so a rounding edge never leaves the scale."""
    return min(5, max(1, round_half_up((emotion + 3) * 4 / 6 + 1)))


def five_to_emotion(score: float) -> float:
    """1..5 → −3..+3: (score − 3) × 1.5."""
    return (score - 3) * 1.5


def xml_chars(s: str) -> str:
    """``s`` without the characters XML 1.0 cannot hold (controls, U+FFFE, U+FFFF...)."""
    return "".join(ch for ch in s if ch in "\t\n\r" or (" " <= ch <= "\ud7ff")
                   or ("\ue000" <= ch <= "\ufffd") or ch >= "\U00010000")


def check_size(data: bytes | str, source: str) -> None:
    size = len(data.encode("utf-8")) if isinstance(data, str) else len(data)
    limit = native.MAX_FILE_BYTES
    if size > limit:
        raise ImportRefused(source, [
            f"the file is {size / 1048576:.1f} MB; at most {limit / 1048576:g} MB"])


def decode(data: bytes | str, source: str) -> str:
    """UTF-8 text of a file (a BOM is dropped); refuses files over the limit or not UTF-8."""
    check_size(data, source)
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ImportRefused(source, [
            f"byte {e.start}: not UTF-8 text (save the file as UTF-8)"]) from None


def slug(text: str, fallback: str = "x", max_len: int = 40) -> str:
    """A short ascii id from a name: lower case, dashes, at most ``max_len`` characters."""
    norm = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    s = re.sub(r"[^a-z0-9]+", "-", norm.lower()).strip("-")[:max_len].strip("-")
    return s or fallback


def unique(key: str, taken: set[str]) -> str:
    """``key``, or ``key-2``, ``key-3``... whichever is not taken yet; the result is taken."""
    out, n = key, 1
    while out in taken:
        n += 1
        out = f"{key}-{n}"
    taken.add(out)
    return out


def fmt_num(x: float) -> str:
    """A number as people write it: 2 not 2.0, 1.5 as is."""
    if isinstance(x, float) and x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    if isinstance(x, int) and not isinstance(x, bool) and abs(x) >= 10**15:
        return f"{float(x):g}" if abs(x) < 10**308 else f"a number of {len(str(abs(x)))} digits"
    return f"{x:g}" if isinstance(x, float) else str(x)


def open_zip(data: bytes, source: str) -> zipfile.ZipFile:
    """A zip archive checked against zip bombs: member count and total unpacked size."""
    check_size(data, source)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise ImportRefused(source, [f"not a readable zip archive ({e})"]) from None
    infos = zf.infolist()
    if len(infos) > MAX_ZIP_MEMBERS:
        raise ImportRefused(source, [
            f"the archive holds {len(infos)} files; at most {MAX_ZIP_MEMBERS}"])
    total = sum(i.file_size for i in infos)
    if total > MAX_UNZIPPED_BYTES or any(i.file_size < 0 for i in infos):
        raise ImportRefused(source, [
            f"the archive unpacks to {total / 1048576:.1f} MB; "
            f"at most {MAX_UNZIPPED_BYTES // 1048576} MB"])
    return zf


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, source: str) -> bytes:
    """A member's bytes, never more than it declared (a lying header cannot inflate it)."""
    try:
        with zf.open(info) as f:
            data = f.read(info.file_size + 1)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as e:
        raise ImportRefused(source, [f"{info.filename}: cannot be unpacked ({e})"]) from None
    if len(data) > info.file_size:
        raise ImportRefused(source, [f"{info.filename}: larger than the archive says"])
    return data
