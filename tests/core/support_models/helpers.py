"""Helpers shared by the codex_core tests: point the SEO settings at the test model."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.test import override_settings

from codex_core.seo.invalidation import connect_seo_invalidation, disconnect_seo_invalidation
from tests.core.support_models.models import StaticSeo

STATIC_SEO = "codex_test_models.StaticSeo"


@contextmanager
def static_seo_model(**extra_settings: object) -> Iterator[type[StaticSeo]]:
    """Use ``StaticSeo`` as ``CODEX_STATIC_PAGE_SEO_MODEL`` with invalidation connected."""
    with override_settings(
        CODEX_STATIC_PAGE_SEO_MODEL=STATIC_SEO, CODEX_STATIC_PAGE_SEO_KEY_FIELD="page_key", **extra_settings
    ):
        connect_seo_invalidation(StaticSeo)
        try:
            yield StaticSeo
        finally:
            disconnect_seo_invalidation(StaticSeo)
