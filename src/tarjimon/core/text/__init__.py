"""One idea of a word, for the whole product (the lowest layer of the core).

- :mod:`~tarjimon.core.text.words` - the apostrophe set, the word patterns, words, counted words, spans;
- :mod:`~tarjimon.core.text.fold` - case folding, Uzbek script folding, the glossary's per-word Uzbek key;
- :mod:`~tarjimon.core.text.stems` - inflected forms: the TM index stem, QA's stem prefix (and how they relate
  to the glossary's morphology);
- :mod:`~tarjimon.core.text.tokens` - sacremoses: punctuation normalisation and Moses tokens;
- :mod:`~tarjimon.core.text.tags` - inline tags in segment text (⟨1⟩…⟨/1⟩, ⟨2/⟩): the syntax formats write,
  the editor inserts and protects, and QA compares.

Import the submodules (``from tarjimon.core.text.words import words``). This file imports nothing, so that
``tarjimon.core.translit`` can take its apostrophes from :mod:`words` while :mod:`fold` builds on translit,
without an import cycle. Allowed imports: the standard library, third-party libraries, tarjimon.core.errors,
tarjimon.core.langs, tarjimon.core.translit and tarjimon.core.segment.
"""
