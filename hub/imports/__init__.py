"""Uploads over HTTP: files stored per job, checked, imported by a worker process."""

__all__: list[str] = []
