"""Shared glossaries: TSV files in glossaries/, TBX/CSV import and export, term recognition."""
