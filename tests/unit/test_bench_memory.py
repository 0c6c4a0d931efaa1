"""The benchmark's memory figure: a build's processes counted together, at the same moment."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bitacora.bench.memory import run_measured

pytestmark = pytest.mark.skipif(not Path("/proc/self/statm").is_file(), reason="needs /proc")

# Holds `held` MiB, then runs a child that holds `child` MiB, holding its own or not.
SCRIPT = """
import subprocess, sys, time
held = bytearray({held} * 2**20)
if not {overlap}:
    del held
subprocess.run([sys.executable, "-c",
    "import time; b = bytearray({child} * 2**20); time.sleep(0.4)"], check=True)
print("hecho")
"""


def _peak(held: int, child: int, overlap: bool) -> float:
    script = SCRIPT.format(held=held, child=child, overlap=overlap)
    result, peak = run_measured([sys.executable, "-c", script])
    assert result.returncode == 0 and result.stdout.strip() == "hecho"
    return peak


def test_a_parent_and_child_alive_together_are_added() -> None:
    assert _peak(held=120, child=150, overlap=True) >= 270


def test_memory_freed_before_the_child_starts_is_not_counted_twice() -> None:
    assert _peak(held=120, child=150, overlap=False) < 250


def test_repeated_builds_keep_the_fastest_time_and_the_largest_memory() -> None:
    from bitacora.bench.__main__ import _best_of

    runs = [
        {"seconds": 12.0, "cpu_seconds": 11.0, "peak_mib": 100.0, "helper_peak_mib": 60.0},
        {"seconds": 10.0, "cpu_seconds": 11.5, "peak_mib": 98.0, "helper_peak_mib": 64.0},
    ]
    best = _best_of(runs)
    assert (best["seconds"], best["cpu_seconds"]) == (10.0, 11.0)
    assert (best["peak_mib"], best["helper_peak_mib"]) == (100.0, 64.0)


# Holds `held` MiB, then forks a child that writes `child` MiB of its own while the parent
# keeps its memory: the child shares the parent's pages and adds only what it writes.
FORK_SCRIPT = """
import os, time
held = bytearray({held} * 2**20)
pid = os.fork()
if pid == 0:
    mine = bytearray({child} * 2**20)
    time.sleep(0.4)
    os._exit(0)
os.waitpid(pid, 0)
print("hecho")
"""


def test_a_forked_child_adds_its_own_pages_not_its_parents() -> None:
    result, peak = run_measured([sys.executable, "-c", FORK_SCRIPT.format(held=200, child=80)])
    assert result.returncode == 0 and result.stdout.strip() == "hecho"
    assert 270 <= peak < 380  # 200 + 80 (+ interpreters), not 200 + 200 + 80


def test_a_process_that_ends_while_sampled_has_no_children(monkeypatch: pytest.MonkeyPatch) -> None:
    from bitacora.bench import memory

    class _Vanished:
        """/proc/<pid>/task of a process that ended after it was listed."""

        def __truediv__(self, part: str) -> _Vanished:
            return self

        def glob(self, pattern: str) -> list[object]:
            raise FileNotFoundError("/proc/26696/task")

    monkeypatch.setattr(memory, "_PROC", _Vanished())
    assert memory._children(26696) == []
