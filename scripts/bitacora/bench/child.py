"""Run one `mkdocs build` in this process and print its wall time and peak memory as JSON.

A separate process per build, so `ru_maxrss` is that build's own peak, not the benchmark's.
"""

from __future__ import annotations

import json
import logging
import os
import resource
import sys
import time


def main() -> None:
    from mkdocs.__main__ import cli

    config_file, site_dir = sys.argv[1], sys.argv[2]
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    started = time.perf_counter()
    # The real `mkdocs build` command: plugins see on_startup and on_config as in daily use.
    cli(["build", "-q", "-f", config_file, "-d", site_dir], standalone_mode=False)
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "peak_mib": peak_kib / 1024}))


if __name__ == "__main__":
    main()
