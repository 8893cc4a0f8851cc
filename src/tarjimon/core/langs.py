"""BCP 47 language tags as translators meet them in real files.

A region or script variant counts as its language (en-US, EN_us, uz-Latn, uz-Cyrl all reduce to their
primary subtag), tags compare case-insensitively, and a tag whose language we do not know is refused.
POSIX locale names as PO files and gettext write them (`uz@cyrillic`, `uz_UZ.UTF-8@latin`, `sr@latin`) are
tags too: the modifier names a script (`script_of("uz@cyrillic") == "cyrl"`).
"""

from __future__ import annotations

import re

from tarjimon.core.errors import TarjimonError

# ISO 639-1 codes, plus a few ISO 639-3 codes translators of this region meet (kaa: Karakalpak,
# uzs: Southern Uzbek, crh: Crimean Tatar) and "mul"/"und" which TMX and TBX files use.
_ISO639_1 = (
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz "
    "ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik "
    "io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml "
    "mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd "
    "se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi "
    "vo wa wo xh yi yo za zh zu"
)
_EXTRA = "kaa uzs crh tat bak chv sah tyv kjh alt kum nog krc mul und"
KNOWN_LANGUAGES: frozenset[str] = frozenset((_ISO639_1 + " " + _EXTRA).split())

NAMES: dict[str, str] = {
    "uz": "Uzbek",
    "kk": "Kazakh",
    "ru": "Russian",
    "en": "English",
    "ky": "Kyrgyz",
    "tg": "Tajik",
    "tk": "Turkmen",
    "kaa": "Karakalpak",
    "tr": "Turkish",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "zh": "Chinese",
    "ar": "Arabic",
    "it": "Italian",
    "pt": "Portuguese",
    "ja": "Japanese",
    "ko": "Korean",
    "cs": "Czech",
    "uk": "Ukrainian",
    "az": "Azerbaijani",
}

_TAG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*(?:\.[A-Za-z0-9-]{1,20})?(?:@[A-Za-z]{2,12})?$")
# gettext's script modifiers (`uz@cyrillic`) as ISO 15924 script subtags
_MODIFIER_SCRIPTS = {"cyrillic": "cyrl", "latin": "latn", "arabic": "arab", "devanagari": "deva"}


def primary(tag: str) -> str:
    """The language a tag counts as: `EN_us` -> `en`, `uz-Cyrl` -> `uz`. Does not validate."""
    return tag.strip().replace("_", "-").split("-", 1)[0].split("@", 1)[0].split(".", 1)[0].lower()


def normalize(tag: str, *, source: str | None = None) -> str:
    """Validate a tag and return its primary language subtag, lower-cased.

    Raises TarjimonError naming `source` (a file or option) for malformed or unknown tags.
    """
    text = (tag or "").strip()
    if not _TAG.match(text):
        raise TarjimonError(f"not a language tag: {tag!r}", path=source)
    lang = primary(text)
    if lang not in KNOWN_LANGUAGES:
        raise TarjimonError(f"unknown language: {tag!r}", path=source)
    return lang


def is_known(tag: str) -> bool:
    """True when `tag` is a well-formed tag of a known language."""
    try:
        normalize(tag)
    except TarjimonError:
        return False
    return True


def script_of(tag: str) -> str | None:
    """The script subtag a tag names, lower-cased (`uz-Latn` -> `latn`, `uz@cyrillic` -> `cyrl`), or None."""
    tag, _, modifier = tag.partition("@")
    if modifier:
        return _MODIFIER_SCRIPTS.get(modifier.strip().lower())
    for part in tag.split(".", 1)[0].replace("_", "-").split("-")[1:]:
        if len(part) == 4 and part.isalpha():
            return part.lower()
    return None


def same_language(a: str, b: str) -> bool:
    """Whether two tags count as one language (`ru-RU` and `RU`)."""
    return primary(a) == primary(b)


def display_name(tag: str) -> str:
    """A human name for a tag, falling back to the tag itself."""
    return NAMES.get(primary(tag), tag)


def parse_list(value: str, *, source: str | None = None) -> list[str]:
    """Parse a comma-separated list of tags (`kk,ru,en`), normalised, duplicates dropped, order kept."""
    out: list[str] = []
    for item in value.split(","):
        if item.strip():
            lang = normalize(item, source=source)
            if lang not in out:
                out.append(lang)
    return out
