"""The demo data, seeded through each feature's ``demo_data.seed()`` as ``manage.py seed_demo`` does."""

from __future__ import annotations

from importlib import import_module

from demo_site.management.commands.seed_demo import FEATURES


def seed_all() -> None:
    """Seed every feature's demo data (settings with an API key, pages, articles, masters)."""
    for feature in FEATURES:
        import_module(f"features.{feature}.demo_data").seed()
