"""Imports of the standard upload formats (docs/formats.md): read, validate, write."""

__all__: list[str] = []
