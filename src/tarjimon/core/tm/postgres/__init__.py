"""The team TM on a PostgreSQL server (see backend.py)."""
