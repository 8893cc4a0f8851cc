"""Which data categories a TBX dialect lets stand where: what an export may write, and what it must leave out.

Two dialects are written:
- TBX-Basic (v3 `tbx type="TBX-Basic"`, the default export, and v2 `martif type="TBX-Basic"`), as its DCA
  Schematron (2023-01-12-TBX-Basic_DCA_modifiedToEnforceTypes.sch) enforces it: admin source, customerSubset,
  projectSubset; descrip subjectField and definition (entry), definition (language), context (term); termNote
  partOfSpeech, administrativeStatus, termType, grammaticalGender, geographicalUsage, termLocation with their
  picklists.
- TBX 2008's default dialect (v2 `martif type="TBX"`, the dialect Okapi, SDL, Weblate and the LISA samples
  declare): the ISO 12620 data categories of its default XCS, each at the levels that XCS names
  (admin at every level, a concept relation descrip at the entry and language levels, a term's descrip and
  termNote at the term level). A v2 export of a glossary holding categories TBX-Basic has no place for
  (Okapi's productSubset, sourceIdentifier, businessUnitSubset, transferComment, SDL's abbreviatedFormFor,
  pronunciation and termType `synonym`) declares it, so that they are written rather than dropped.
What neither dialect has (Weblate's `descrip type="Translation needed"`, a v2 sample's `conceptId`) stays in the
glossary, and the export says so: `Left` counts each left-out category by name.
"""

from __future__ import annotations

from collections import Counter

BASIC, DEFAULT = "TBX-Basic", "TBX"
Left = Counter[str]  # "admin productSubset" -> how many were not written
_ALL = frozenset({"entry", "lang", "term"})
_CONCEPT = frozenset({"entry", "lang"})
_TERM = frozenset({"term"})

_BASIC: dict[str, dict[str, frozenset[str]]] = {
    "admin": {"source": _ALL, "customerSubset": frozenset({"entry", "term"}), "projectSubset": frozenset({"entry", "term"})},
    "descrip": {"subjectField": frozenset({"entry"}), "definition": _CONCEPT, "context": _TERM},
    "termNote": {t: _TERM for t in ("partOfSpeech", "administrativeStatus", "termType", "grammaticalGender",
                                    "geographicalUsage", "termLocation")},
}  # fmt: skip

_DEFAULT: dict[str, dict[str, frozenset[str]]] = {
    "admin": dict.fromkeys((
        "annotatedNote", "applicationSubset", "businessUnitSubset", "conceptOrigin", "customerSubset", "databaseType",
        "domainExpert", "elementWorkingStatus", "entrySource", "environmentSubset", "indexHeading", "keyword",
        "originatingDatabase", "originatingInstitution", "originatingPerson", "productSubset", "projectSubset",
        "searchTerm", "securitySubset", "sortKey", "source", "sourceIdentifier", "subsetOwner"), _ALL),
    "descrip": {
        **dict.fromkeys((
            "associatedConcept", "broaderConceptGeneric", "broaderConceptPartitive", "conceptPosition",
            "coordinateConceptGeneric", "coordinateConceptPartitive", "relatedConcept", "relatedConceptBroader",
            "relatedConceptNarrower", "sequentiallyRelatedConcept", "spatiallyRelatedConcept",
            "subordinateConceptGeneric", "subordinateConceptPartitive", "superordinateConceptGeneric",
            "superordinateConceptPartitive", "temporallyRelatedConcept"), _CONCEPT),
        **dict.fromkeys(("antonymConcept", "subjectField", "thesaurusDescriptor"), frozenset({"entry"})),
        **dict.fromkeys(("audio", "classificationCode", "definition", "example", "explanation", "figure",
                         "otherBinaryData", "reliabilityCode", "table", "video"), _ALL),
        **dict.fromkeys(("characteristic", "context", "quantity", "range", "sampleSentence", "unit"), _TERM),
    },
    "termNote": dict.fromkeys((
        "abbreviatedFormFor", "administrativeStatus", "animacy", "antonymTerm", "directionality", "etymology",
        "falseFriend", "frequency", "geographicalUsage", "grammaticalGender", "grammaticalNumber",
        "grammaticalValency", "homograph", "language-planningQualifier", "lionHotkey", "normativeAuthorization",
        "partOfSpeech", "processStatus", "pronunciation", "proprietaryRestriction", "register", "shortFormFor",
        "temporalQualifier", "termLocation", "termProvenance", "termStructure", "termType", "timeRestriction",
        "transferComment", "usageNote"), _TERM),
}  # fmt: skip

# picklists of the term notes both dialects have (geographicalUsage is free in both)
_PICKLISTS: dict[str, dict[str, frozenset[str]]] = {
    BASIC: {
        "partOfSpeech": frozenset({"noun", "verb", "adjective", "adverb", "properNoun", "other"}),
        "termType": frozenset({"fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"}),
        "grammaticalGender": frozenset({"masculine", "feminine", "neuter", "other"}),
        "termLocation": frozenset({
            "checkBox", "comboBox", "comboBoxElement", "dialogBox", "groupBox", "informativeMessage",
            "interactiveMessage", "menuItem", "progressBar", "pushButton", "radioButton", "slider", "spinBox", "tab",
            "tableText", "textBox", "toolTip", "user-definedType"}),
    },
    DEFAULT: {
        "termType": frozenset({
            "abbreviation", "acronym", "clippedTerm", "commonName", "entryTerm", "equation", "formula", "fullForm",
            "initialism", "internationalism", "internationalScientificTerm", "logicalExpression", "partNumber",
            "phraseologicalUnit", "transcribedForm", "transliteratedForm", "shortForm", "shortcut", "sku",
            "standardText", "string", "symbol", "synonym", "synonymousPhrase", "variant"}),
        "grammaticalGender": frozenset({"masculine", "feminine", "neuter", "otherGender"}),
    },
}  # fmt: skip


def permitted(el: str, kind: str, level: str, dialect: str) -> bool:
    """Whether `dialect` lets an `el` (admin, descrip, termNote) of type `kind` stand at `level` (entry, lang,
    term). A note stands anywhere."""
    if el == "note":
        return True
    table = _DEFAULT if dialect == DEFAULT else _BASIC
    return level in table.get(el, {}).get(kind, frozenset())


def value_permitted(kind: str, value: str, dialect: str) -> bool:
    """Whether a term note `kind`'s `value` is one of `dialect`'s picklist (any value where it has none)."""
    allowed = _PICKLISTS.get(dialect, {}).get(kind)
    return allowed is None or value in allowed


def say(left: Left, dialect: str, version: int) -> str:
    """The one line an export prints for what it did not write ("" when it wrote everything)."""
    if not left:
        return ""
    what = ", ".join(f"{n} {name}" for name, n in sorted(left.items(), key=lambda kv: (-kv[1], kv[0])))
    hint = ("; --format tbx2 (TBX v2, the TBX 2008 default dialect) writes those it has"
            if version == 3 and any(in_default(name) for name in left) else "")
    named = "TBX 2008's default dialect" if dialect == DEFAULT else dialect
    return f"not written, kept in the glossary ({named} has no place for them){hint}: {what}"


def in_default(name: str) -> bool:
    """Whether a `Left` name is a category of TBX 2008's default dialect."""
    el, _, kind = name.partition(" ")
    return kind.split(" (")[0] in _DEFAULT.get(el, {})
