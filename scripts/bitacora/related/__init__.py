"""Related articles: computed from the content of every post (no MkDocs imports).

`compute_related(posts, settings, cache)` → {slug: (RelatedLink, …)}. text.py turns a post
into weighted Spanish stems, index.py scores them (TF-IDF, cosine, top-k), cache.py keeps
term bags by content hash so rebuilds redo only what changed.
"""

from __future__ import annotations

from bitacora.related.cache import CACHE_FILE, RelatedCache
from bitacora.related.index import compute_related, resolve_pin

__all__ = ["CACHE_FILE", "RelatedCache", "compute_related", "resolve_pin"]
