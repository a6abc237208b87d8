"""A reader that read the old row before a write committed must not cache it after the commit.

The reader thread misses the cache, reads the row, and is held (``post_init`` of the row it
read, in its own thread) before its cache store, while the main thread updates the row
through a queryset and commits, which runs the invalidation. The reader then stores what it
read. Without a guard in the Redis managers that store re-caches the old row until its TTL.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection, models, transaction
from django.db.models.signals import post_init

from codex_core.redis.managers.settings import get_site_settings_manager
from codex_core.seo.selectors import get_static_page_seo
from features.notifications.models import NotificationTemplate
from features.notifications.selectors import notification_template_get
from features.pages.models import StaticPageSeo
from features.site_settings.models import SiteSettings

pytestmark = pytest.mark.django_db(transaction=True)

WAIT = 30  # seconds; only reached when the test is broken, never in a passing run


@dataclass(frozen=True)
class Reader:
    model: type[models.Model]
    make: Callable[[], models.Model]
    read: Callable[[], str]  # the selector, returning the value the write changes
    write: dict[str, Any]  # queryset.update() kwargs
    written: str


READERS = [
    Reader(
        StaticPageSeo,
        lambda: StaticPageSeo.objects.create(page_key="home", seo_title_en="Old"),
        lambda: get_static_page_seo("home", language="en").get("seo_title", ""),
        {"seo_title_en": "New"},
        "New",
    ),
    Reader(
        SiteSettings,
        lambda: SiteSettings.objects.create(site_name="Old"),
        lambda: str(get_site_settings_manager().load_cached(SiteSettings)["site_name"]),
        {"site_name": "New"},
        "New",
    ),
    Reader(
        NotificationTemplate,
        lambda: NotificationTemplate.objects.create(key="welcome", subject_en="Old", body_en="Body"),
        lambda: notification_template_get("welcome", "en")[0],
        {"subject_en": "New"},
        "New",
    ),
]


@pytest.fixture(params=READERS, ids=lambda reader: reader.model.__name__)
def reader(request: pytest.FixtureRequest) -> Reader:
    return request.param  # type: ignore[no-any-return]


class HeldReader(threading.Thread):
    """Runs ``read`` and stops right after its database read of ``model`` until released."""

    def __init__(self, read: Callable[[], str], model: type[models.Model]) -> None:
        super().__init__(daemon=True)
        self.read, self.model = read, model
        self.has_read, self.release = threading.Event(), threading.Event()
        self.result: str | None = None
        self.error: BaseException | None = None

    def _hold(self, sender: type[models.Model], **kwargs: Any) -> None:
        if threading.current_thread() is self and not self.has_read.is_set():
            self.has_read.set()
            assert self.release.wait(WAIT), "the writer never released the reader"

    def run(self) -> None:
        post_init.connect(self._hold, sender=self.model, weak=False)
        try:
            self.result = self.read()
        except BaseException as exc:  # reported by the test thread
            self.error = exc
        finally:
            post_init.disconnect(self._hold, sender=self.model)
            connection.close()


@pytest.fixture
def held(reader: Reader) -> Iterator[HeldReader]:
    reader.make()
    thread = HeldReader(reader.read, reader.model)
    yield thread
    thread.release.set()
    thread.join(WAIT)


def test_a_read_overtaken_by_a_committed_update_is_not_cached(reader: Reader, held: HeldReader) -> None:
    held.start()
    assert held.has_read.wait(WAIT)  # the reader has the old row and has not stored it yet
    with transaction.atomic():
        assert reader.model._default_manager.update(**reader.write) == 1
    # committed, and the invalidation has run
    held.release.set()
    held.join(WAIT)
    assert held.error is None
    assert held.result == "Old"  # it served what it read, which was true when it read it
    assert reader.read() == reader.written  # but did not leave it in the cache


def test_without_the_interleaving_the_update_is_seen(reader: Reader, held: HeldReader) -> None:
    """The same steps with the reader finishing first: the committed update drops its entry."""
    held.release.set()
    held.start()
    held.join(WAIT)
    assert (held.error, held.result) == (None, "Old")
    assert reader.model._default_manager.update(**reader.write) == 1
    assert reader.read() == reader.written
