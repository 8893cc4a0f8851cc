"""File formats, one module each, behind small shared protocols and a registry."""
