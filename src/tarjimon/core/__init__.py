"""The core: everything a translator's work depends on. Imports no UI library."""
