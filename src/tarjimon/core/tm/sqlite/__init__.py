"""The SQLite translation memory: units and a persisted stem index in the project database."""
