"""Fixtures of the fuzz: the seeded demo, what it knows, our hosts, Redis up or down."""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from datetime import date, timedelta
from urllib.parse import quote, unquote, urlsplit

import pytest
import redis
from django.apps import apps
from django.conf import settings
from django.core import checks
from django.test import Client, override_settings
from django.urls import resolve
from django.utils import timezone, translation

from codex_core.conf import get_config
from codex_core.redis.breaker import breaker
from codex_core.redis.client import close_clients
from demo_site.urls import SITEMAPS
from features.articles.models import Article
from features.booking.models import Master
from features.booking.selectors import free_slots_get
from tests.fuzz.cases import CONFIGS
from tests.fuzz.modes import RedisMode
from tests.fuzz.patterns import routes
from tests.fuzz.properties import Site, body_urls, off_site, xml_urls
from tests.fuzz.strategies import Corpus
from tests.redis_server import RedisServer
from tests.resilience.demo import seed_all


@pytest.fixture
def corpus(db: None) -> Corpus:
    """Seed the demo; collect its slugs in every language, its ids and its names."""
    seed_all()
    slugs = {m.slug for m in Master.objects.all()}
    for article in Article.objects.all():
        slugs |= {getattr(article, f"slug_{code}") for code, _name in settings.LANGUAGES}
    ids = {str(pk) for model in apps.get_models() for pk in model.objects.values_list("pk", flat=True)[:3]}
    names = set(SITEMAPS) | {config.label for config in apps.get_app_configs()}
    today: date = timezone.localdate(timezone=timezone.get_default_timezone())
    return Corpus(
        slugs=tuple(sorted(slugs)),
        ids=tuple(sorted(ids)),
        names=tuple(sorted(names)),
        today=today,
        pages=known_pages(),
        booking=free_slot(today),
    )


def free_slot(today: date) -> tuple[str, str] | None:
    """A master's page and the start of a slot that is free on one of the next days."""
    master = Master.objects.filter(is_active=True).order_by("order").first()
    if master is None:
        return None
    for offset in range(1, 8):
        slots = free_slots_get(master, today + timedelta(days=offset))
        if slots:
            return master.get_absolute_url(), slots[0].isoformat()
    return None


@pytest.fixture
def configs(db: None) -> list[tuple[tuple[str, str], ...]]:
    """The fuzzed configurations the system checks accept (no error); the default must be one."""
    accepted = []
    for config in CONFIGS:
        with override_settings(**dict(config)):
            if not [m for m in checks.run_checks() if m.level >= checks.ERROR]:
                accepted.append(config)
    assert () in accepted
    return accepted


def known_pages() -> dict[str, tuple[str, ...]]:
    """Real pages by route name: every page the sitemaps list, and each public route without
    parameters in every language."""
    client = Client()
    index = [url for _where, url in xml_urls(client.get("/sitemap.xml").content)]
    found: dict[str, set[str]] = {}
    languages = [code for code, _name in settings.LANGUAGES]
    for route in routes():
        if not route.params and not route.name.startswith(("admin:", "djdt:")):
            found[route.name] = {
                quote(route.build({}, language=language), safe="/:@") for language in languages
            }
    for section in index:
        for where, url in xml_urls(client.get(urlsplit(section).path).content):
            if where == "<image:loc>":  # a static file
                continue
            path = urlsplit(url).path  # a sitemap's URLs are URIs already: quoting again would double-encode
            assert path.isascii(), url
            with translation.override(translation.get_language_from_path(path)):
                found.setdefault(resolve(unquote(path)).view_name, set()).add(path)
    return {name: tuple(sorted(paths)) for name, paths in found.items()}


@pytest.fixture
def site(corpus: Corpus) -> Site:
    """Our hosts, and the off-site links (social profiles) a plain request shows."""
    hosts = frozenset({"testserver", get_config().canonical_domain.lower()})
    plain = Site(hosts=hosts)
    external = {
        url
        for path in ("/en/", "/de/", "/ru/", "/en/contacts/")
        for _where, url in body_urls(Client().get(path))
        if off_site(url, plain)
    }
    return Site(hosts=hosts, external=frozenset(external))


@pytest.fixture(params=["redis-up", "redis-down"])
def redis_mode(request: pytest.FixtureRequest, redis_server: RedisServer) -> Iterator[RedisMode]:
    """The private Redis of the session, or a port where nothing listens (connections refused)."""
    client = redis.Redis.from_url(redis_server.url)
    if request.param == "redis-up":
        mode = RedisMode(request.param, lambda: None)

        def flush() -> None:
            mode.evidence.append(int(client.dbsize()))
            client.flushall()

        mode.reset = flush
        yield mode
        client.close()
        return
    close_clients()
    # A port bound but never listened on refuses every connection, and no other process can
    # take it meanwhile (a merely "free" port could become someone's redis-server).
    with (
        socket.socket(socket.AF_INET, socket.SOCK_STREAM) as closed,
        override_settings(
            REDIS_URL=f"redis://127.0.0.1:{_bind(closed)}/0",
            CODEX_REDIS_CONNECT_TIMEOUT=0.2,
            CODEX_REDIS_SOCKET_TIMEOUT=0.2,
        ),
    ):
        yield RedisMode(request.param, breaker.reset)
    close_clients()
    client.close()


def _bind(sock: socket.socket) -> int:
    sock.bind(("127.0.0.1", 0))
    return int(sock.getsockname()[1])


@pytest.fixture
def quiet_404s() -> Iterator[None]:
    """Thousands of expected 404s would bury the log; errors (5xx) are still logged."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)
