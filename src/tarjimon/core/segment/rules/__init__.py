"""Segmentation rules files (package data): common.toml plus one file per language."""
