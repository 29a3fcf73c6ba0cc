"""``viewer { role scope }``: defined in ``hub.auth.viewer``; merge ``ViewerQuery``
into the root ``Query`` (``class Query(ViewerQuery, ...)``)."""

from hub.auth.viewer import ViewerQuery

__all__ = ["ViewerQuery"]
