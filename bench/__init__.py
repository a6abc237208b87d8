"""Benchmarks of the Codex reference site (``python -m bench``); not tests.

One module per benchmark (``b1_managers``, ``b2_pages``, ``b3_sitemaps``, ``b4_suite``), each
exposing a ``run(...)`` function that returns a JSON-able dict; :mod:`bench.__main__` runs
them, prints a table and writes ``bench/results.json``. Absolute times depend on the box;
the ratios against the baselines defined inside each benchmark are the point.
"""
