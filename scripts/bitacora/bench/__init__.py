"""Benchmarks: synthetic posts and Bitácora-versus-Material build comparisons."""
