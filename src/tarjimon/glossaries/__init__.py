"""Starter glossaries shipped with Tarjimon (package data): `news.tsv`, the newsroom's terms.

A project that attaches one gets a copy in its shared glossaries folder the first time it is used
(`tarjimon.core.config.install_starter_glossary`), so the team edits its own file, never this one.
"""
