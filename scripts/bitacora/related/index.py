"""Related stage, ranking: TF-IDF vectors, cosine candidates, shared-neighbour re-ranking.

Input: every post. Output: for each post's slug, its related posts, best first. Each vector
keeps its strongest terms only (sparse); `scores.best_targets` finds each post's few most
similar posts over an inverted index (memory grows with the number of posts, not its
square). Those candidates are then re-ranked by the neighbours they share with the post
(see NEIGHBOURHOOD).
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path, PurePosixPath

from slugify import slugify

from bitacora.errors import BitacoraError, closest
from bitacora.model import Post, RelatedLink
from bitacora.posts import parse_front_matter
from bitacora.related.cache import RelatedCache, post_fingerprint
from bitacora.related.scores import best_targets
from bitacora.related.text import TermBag, term_bag
from bitacora.settings import RelatedSettings

__all__ = ["compute_related", "path_keys", "resolve_pin"]

# A post's vector keeps its strongest terms: enough to describe its topic, few enough that
# the inverted index stays sparse at 10,000 posts.
TERMS_PER_POST = 40
# A term in more than this share of the posts says nothing about any one of them.
MAX_DOCUMENT_SHARE = 0.5
SHARED_TERMS_SHOWN = 6
# Shared nearest neighbours (Jarvis & Patrick, 1973): two posts on one topic have the same
# posts around them; two that met over a few incidental words ("jueves", "obliga") do not.
# A candidate's score is its cosine × (1 + NEIGHBOUR_BOOST × share of the NEIGHBOURHOOD
# closest posts both have in common), at most 1.
NEIGHBOURHOOD = 8
NEIGHBOUR_BOOST = 1.0
_TIE_MARGIN = 8


def _bags(
    posts: Sequence[Post],
    keys: list[str],
    settings: RelatedSettings,
    cache: RelatedCache,
    reread: Callable[[Post], Post] | None,
) -> list[TermBag]:
    bags = []
    for post, key in zip(posts, keys, strict=True):
        bag = cache.bag(key)
        if bag is None:
            bag = term_bag(reread(post) if reread is not None else post, settings)
            cache.store(key, bag)
        bags.append(bag)
    return bags


def _vectors(bags: list[TermBag]) -> list[dict[str, float]]:
    """Sublinear TF × damped IDF, pruned to each post's strongest terms, L2-normalised.

    The IDF is square-rooted: plain IDF ranks a word two posts happen to share ("jueves",
    "obliga") far above the words a topic repeats across its posts ("reclamo", "turnos"), and
    pruning then keeps the accidents. Damping keeps rare words ahead, but not by a mile.
    """
    count = len(bags)
    document_frequency: dict[str, int] = defaultdict(int)
    for bag in bags:
        for term in bag.weights:
            document_frequency[term] += 1
    cap = max(2, int(count * MAX_DOCUMENT_SHARE)) if count > 4 else count
    idf = {
        term: math.sqrt(math.log((count + 1) / (frequency + 1)))
        for term, frequency in document_frequency.items()
        if 1 < frequency <= cap
    }
    vectors = []
    for bag in bags:
        weighted = {
            term: (1.0 + math.log(weight)) * idf[term]
            for term, weight in bag.weights.items()
            if weight >= 1 and term in idf
        }
        strongest = sorted(weighted.items(), key=lambda item: (-item[1], item[0]))
        kept = dict(strongest[:TERMS_PER_POST])
        norm = math.sqrt(sum(value * value for value in kept.values())) or 1.0
        vectors.append({term: value / norm for term, value in kept.items() if value > 0})
    return vectors


def _line_of_related(post: Post) -> int | None:
    if post.path is None or not Path(post.path).is_file():
        return None
    try:
        return parse_front_matter(Path(post.path).read_text(encoding="utf-8"), post.path).line_of(
            "related"
        )
    except (BitacoraError, OSError, UnicodeDecodeError):
        return None


def resolve_pin(pin: str, by_slug: dict[str, Post], by_path: dict[str, Post]) -> Post | None:
    """A pinned post named by slug ("mi-post") or path ("posts/mi-post.md", "blog/posts/…")."""
    name = pin.strip().strip("/")
    if name in by_slug:
        return by_slug[name]
    path = PurePosixPath(name)
    for size in range(len(path.parts), 0, -1):
        tail = "/".join(path.parts[-size:])
        if tail in by_path:
            return by_path[tail]
    if path.suffix == ".md":
        return by_slug.get(path.stem)
    # The address's last part, for a post without `slug:` (made from its title; with or
    # without accents, as the site's slug function writes them).
    wanted = _ascii_slug(name)
    return next((post for post in by_slug.values() if _ascii_slug(post.title) == wanted), None)


@lru_cache(maxsize=4096)
def _ascii_slug(text: str) -> str:
    return str(slugify(text))


def path_keys(post: Post) -> list[str]:
    """Every trailing part of a post's path ("x.md", "posts/x.md"…), to find it by path."""
    if post.path is None:
        return []
    parts = PurePosixPath(Path(post.path).as_posix()).parts
    return ["/".join(parts[-size:]) for size in range(1, len(parts) + 1)]


def _pinned(post: Post, by_slug: dict[str, Post], by_path: dict[str, Post]) -> list[Post]:
    if not isinstance(post.related, tuple):
        return []
    found = []
    for pin in post.related:
        target = resolve_pin(pin, by_slug, by_path)
        if target is None:
            suggestion = closest(PurePosixPath(pin).stem, by_slug)
            raise BitacoraError(
                post.path,
                _line_of_related(post),
                f"el artículo relacionado «{pin}» no existe",
                f"usa el slug o la ruta de un post existente, por ejemplo «{suggestion}»"
                if suggestion
                else "usa el slug o la ruta (posts/archivo.md) de un post existente",
            )
        if target.slug != post.slug and target not in found:
            found.append(target)
    return found


def _shared_terms(
    a: TermBag, b: TermBag, va: dict[str, float], vb: dict[str, float]
) -> tuple[str, ...]:
    shared = sorted((-(va[term] * vb[term]), term) for term in va.keys() & vb.keys())
    return tuple(
        a.surfaces.get(term) or b.surfaces.get(term) or term
        for _, term in shared[:SHARED_TERMS_SHOWN]
    )


def compute_related(
    posts: Sequence[Post],
    settings: RelatedSettings,
    cache: RelatedCache | None = None,
    *,
    fingerprints: Sequence[str] | None = None,
    reread: Callable[[Post], Post] | None = None,
) -> dict[str, tuple[RelatedLink, ...]]:
    """Related posts for every post, keyed by slug: pinned first, then the most similar.

    Deterministic: ties go to the newer post, then to the slug. Drafts are never targets.
    Raises `BitacoraError` (with the post's file and line) for a pin that names no post.
    Posts may come without their text (`bitacora.related.warm` keeps memory low that way):
    then `fingerprints` are their `post_fingerprint`s, and `reread` gives a post back whole
    when its term bag is not cached.
    """
    cache = cache if cache is not None else RelatedCache()
    # One hash per post, reused three times: at 10,000 posts hashing is the cached rebuild.
    if fingerprints is None:
        fingerprints = [post_fingerprint(post, settings) for post in posts]
    keyed = sorted(zip(posts, fingerprints, strict=True), key=lambda item: item[0].slug)
    ordered = [post for post, _ in keyed]
    keys = [fingerprint for _, fingerprint in keyed]
    cache.bags_computed = 0
    key = _result_key(ordered, keys, settings)
    known = cache.stored_result(key)
    if known is not None:
        return known  # nothing the lists depend on changed: no bag read, nothing computed
    bags = _bags(ordered, keys, settings, cache, reread)
    cache.keep_only(set(keys))
    by_slug = {post.slug: post for post in ordered if not post.is_draft}
    by_path = {key: post for post in ordered if not post.is_draft for key in path_keys(post)}
    pins = {post.slug: _pinned(post, by_slug, by_path) for post in ordered}
    vectors = _vectors(bags)
    published = [not post.is_draft for post in ordered]
    # Room for pinned posts, for equal scores at the edge (recency orders them) and for
    # the neighbourhood the boost compares.
    width = max(
        settings.k + max((len(p) for p in pins.values()), default=0) + _TIE_MARGIN,
        NEIGHBOURHOOD,
    )
    rows = best_targets(vectors, published, width, settings.min_score)
    # Candidates come best first, ties to the lower index: the closest are the first few.
    neighbours = [frozenset(candidates[:NEIGHBOURHOOD]) for candidates, _ in rows]
    newest_first = [-post.date.toordinal() for post in ordered]
    result: dict[str, tuple[RelatedLink, ...]] = {}
    for i, (candidates, scores) in enumerate(rows):
        post = ordered[i]
        if post.related is False:
            result[post.slug] = ()
            continue
        links = [RelatedLink(target.slug, 1.0, (), pinned=True) for target in pins[post.slug]]
        taken = {post.slug, *(link.slug for link in links)}
        ranked = []
        for j, similarity in zip(candidates, scores, strict=True):
            slug = ordered[j].slug
            if similarity < settings.min_score or slug in taken:
                continue
            common = len(neighbours[i] & neighbours[j])
            score = min(1.0, similarity * (1.0 + NEIGHBOUR_BOOST * common / NEIGHBOURHOOD))
            ranked.append((-round(score, 6), newest_first[j], slug, j, similarity, common))
        ranked.sort()
        room = max(0, settings.k - len(links))
        for negative_score, _, slug, j, similarity, common in ranked[:room]:
            shared = _shared_terms(bags[i], bags[j], vectors[i], vectors[j])
            links.append(
                RelatedLink(
                    slug,
                    round(-negative_score, 4),
                    shared,
                    similarity=round(similarity, 4),
                    common_neighbours=common,
                )
            )
        result[post.slug] = tuple(links)
    cache.store_result(key, result)
    if cache.autosave:
        cache.save()
    return result


def _result_key(posts: list[Post], keys: list[str], settings: RelatedSettings) -> str:
    """Hash of everything the lists depend on: each post's fingerprint and its listing fields."""
    lines = [repr(settings)]
    lines.extend(
        f"{fingerprint}|{post.slug}|{post.date}|{post.draft}|{post.related!r}|{post.path}"
        for post, fingerprint in zip(posts, keys, strict=True)
    )
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()
