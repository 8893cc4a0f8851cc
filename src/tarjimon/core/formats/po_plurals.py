"""Which plural kind ("one", "few", "many", "other"...) each msgstr[N] of a PO message is, for a language.

A PO's Plural-Forms (`nplurals=3; plural=(n%10==1 && ... ? 0 : ... ? 1 : 2);`) says which form a number takes; a
translator thinks in CLDR's categories. The kind of form N: the CLDR category (for the language) of the whole
numbers the expression sends to N, e.g. Russian 0 "one" (1, 21, 31...), 1 "few" (2-4, 22-24...), 2 "many" (0,
5-20, 25...). Languages whose CLDR integer rules are not below are named by example numbers ("n=1, 21, 31").
The expression is evaluated by the standard library's gettext.c2py (C's operators only; anything else refused).
"""

from __future__ import annotations

import functools
import gettext
import re
from collections.abc import Callable

_PLURAL = re.compile(r"plural\s*=\s*([^;]+)")
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")
ORDER = ("zero", "one", "two", "few", "many", "other")
SAMPLE = range(0, 1001)
MAX_FORMS = 6  # Arabic's: no language has more (po_check.MAX_NPLURALS)
DEFAULT_FORMS = "nplurals=2; plural=(n != 1);"

# Plural-Forms as gettext's and CLDR's tables give them.
PLURAL_FORMS = {
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "uk": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "kk": "nplurals=2; plural=(n != 1);",
    "uz": "nplurals=2; plural=(n != 1);",
    "en": "nplurals=2; plural=(n != 1);",
    "tr": "nplurals=2; plural=(n != 1);",
    "ky": "nplurals=2; plural=(n != 1);",
    "zh": "nplurals=1; plural=0;",
    "ja": "nplurals=1; plural=0;",
    "fr": "nplurals=2; plural=(n > 1);",
}


def _slavic(n: int) -> str:  # ru, uk, be: CLDR's integer rules
    if n % 10 == 1 and n % 100 != 11:
        return "one"
    return "few" if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else "many"


def _polish(n: int) -> str:
    if n == 1:
        return "one"
    return "few" if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else "many"


def _arabic(n: int) -> str:
    small = {0: "zero", 1: "one", 2: "two"}
    if n in small:
        return small[n]
    return "few" if 3 <= n % 100 <= 10 else "many" if 11 <= n % 100 <= 99 else "other"


_ONE_OTHER = ("af", "az", "bg", "ca", "da", "de", "el", "en", "es", "et", "eu", "fi", "gl", "hu", "hy", "it", "ka",
              "kk", "ky", "mn", "nb", "nl", "nn", "no", "sq", "sv", "tg", "tk", "tr", "tt", "ug", "uz")  # fmt: skip
CLDR: dict[str, Callable[[int], str]] = {
    **{lang: (lambda n: "one" if n == 1 else "other") for lang in _ONE_OTHER},
    "ru": _slavic, "uk": _slavic, "be": _slavic, "pl": _polish,
    "cs": lambda n: "one" if n == 1 else "few" if 2 <= n <= 4 else "other",
    "sk": lambda n: "one" if n == 1 else "few" if 2 <= n <= 4 else "other",
    "fr": lambda n: "one" if n in (0, 1) else "other", "pt": lambda n: "one" if n in (0, 1) else "other",
    "he": lambda n: "one" if n == 1 else "two" if n == 2 else "other",
    "ar": _arabic, "ja": lambda n: "other", "zh": lambda n: "other", "ko": lambda n: "other",
    "vi": lambda n: "other", "id": lambda n: "other", "th": lambda n: "other",
}  # fmt: skip


def forms_of(lang: str, header: str = "") -> str:
    """The Plural-Forms that counts for `lang`: `header` (the file's own, for its own language) when it is a real
    one, else the one a PO export writes for `lang` (po.PLURAL_FORMS)."""
    m = _NPLURALS.search(header) if header else None
    if m and 1 <= int(m.group(1)) <= MAX_FORMS and _PLURAL.search(header):
        return header
    return PLURAL_FORMS.get(lang, DEFAULT_FORMS)


@functools.lru_cache(maxsize=64)
def kinds(plural_forms: str, lang: str) -> tuple[str, ...]:
    """The kind of each form 0..nplurals-1 for `lang` under `plural_forms` ("one", "few/many", "n=1, 21, 31";
    "" for a form no whole number takes). () when the expression cannot be read."""
    m, p = _NPLURALS.search(plural_forms), _PLURAL.search(plural_forms)
    if not m or not p or not 1 <= int(m.group(1)) <= MAX_FORMS:  # (a header stored before po_check refused it)
        return ()
    try:
        choose = gettext.c2py(p.group(1).strip().rstrip(";"))
        picked = [int(choose(n)) for n in SAMPLE]
    except (ValueError, SyntaxError, TypeError, ZeroDivisionError, RecursionError):
        return ()
    rule = CLDR.get(lang)
    out = []
    for form in range(int(m.group(1))):
        numbers = [n for n, f in zip(SAMPLE, picked, strict=True) if f == form]
        if not numbers:
            out.append("")
        elif rule is None:
            out.append("n=" + ", ".join(map(str, numbers[:3])) + ("…" if len(numbers) > 3 else ""))
        else:
            found = {rule(n) for n in numbers}
            out.append("/".join(k for k in ORDER if k in found))
    return tuple(out)


@functools.lru_cache(maxsize=64)
def single_forms(plural_forms: str) -> frozenset[int]:
    """The forms `plural_forms` sends one number only to (n != 1: form 0, for 1 alone): there msgfmt -c lets a
    translation leave the number's placeholder out ("один файл" is no form of Russian's: 1, 21, 31...)."""
    p = _PLURAL.search(plural_forms)
    try:
        picked = [int(gettext.c2py(p.group(1).strip().rstrip(";"))(n)) for n in SAMPLE] if p else []
    except (ValueError, SyntaxError, TypeError, ZeroDivisionError, RecursionError):
        return frozenset()
    return frozenset(form for form in set(picked) if picked.count(form) == 1)


def form_labels(forms: int, lang: str, header: str = "") -> list[str]:
    """What each of a message's `forms` segments is in `lang` (a PO export writes the last one into every form
    past it: a POT's msgid_plural is Russian's "few" and "many"); "unused" for a segment past the language's
    number of forms (a Russian PO's third form in Kazakh)."""
    found = kinds(forms_of(lang, header), lang)
    if not found:
        return [f"[{n}]" for n in range(forms)]
    out = []
    for n in range(forms):
        if n >= len(found):
            out.append("unused")
        elif n == forms - 1 and len(found) > forms:  # this segment stands for the forms past it too
            parts = [k for kind in found[n:] for k in kind.split("/") if k]
            out.append("/".join(k for k in ORDER if k in parts) or "/".join(dict.fromkeys(found[n:])))
        else:
            out.append(found[n] or f"[{n}]")
    return out
