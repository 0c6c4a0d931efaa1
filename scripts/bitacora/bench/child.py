"""Run one `mkdocs build` in this process; print wall time, CPU time and peak memory as JSON.

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
    usage = resource.getrusage(resource.RUSAGE_SELF)
    # The related lists' worker process (bitacora.related.warm), if the build started one.
    helper = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU time beside wall time: on a shared machine it is the steadier of the two. It counts
    # both processes: the worker saves time, not work.
    cpu = usage.ru_utime + usage.ru_stime + helper.ru_utime + helper.ru_stime
    stages: dict[str, float] = {}
    worker_mib = 0.0
    try:
        from bitacora.plugin.plugin import LAST_BUILD_STAGES, LAST_BUILD_WORKER_MIB

        stages = dict(LAST_BUILD_STAGES)  # empty for the stock build: no Bitácora plugin
        worker_mib = LAST_BUILD_WORKER_MIB[0]
    except ImportError:
        pass
    measured = {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "peak_mib": usage.ru_maxrss / 1024,
        # As the worker reports it: RUSAGE_CHILDREN would also count the short-lived forks
        # that run `git version` (GitPython, imported by the RSS plugin).
        "helper_peak_mib": worker_mib,
    }
    print(json.dumps({**measured, "stages": stages}))


if __name__ == "__main__":
    main()
