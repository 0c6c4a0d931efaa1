"""The related benchmark runs end to end on a tiny generated site (numbers are not judged)."""

from __future__ import annotations

from pathlib import Path

from bitacora.bench.generate import generate_site
from bitacora.bench.related import _report, measure_related
from bitacora.posts import iter_post_files, read_post
from bitacora.settings import RelatedSettings


def test_measures_cold_cached_edit_and_memory_on_generated_posts(
    tmp_path: Path, repo_root: Path
) -> None:
    generate_site(tmp_path / "site", 12, 3, template=repo_root)
    posts = [read_post(path) for path in iter_post_files(tmp_path / "site/docs/blog/posts")]
    times = measure_related(posts, RelatedSettings())
    assert times.posts == 12 and times.peak_mib > 0
    assert all(wall > 0 for wall, _ in (times.cold, times.cached, times.one_edit))
    report = _report(times)
    assert report.splitlines()[1] == "N = 12 posts"
    assert "en frío" in report and "en caché" in report and "tras editar 1 post" in report
