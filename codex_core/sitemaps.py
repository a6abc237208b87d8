"""Sitemaps with codex defaults: i18n entries with hreflang alternates on ``CANONICAL_DOMAIN``.

Project sitemaps subclass :class:`BaseSitemap` and implement ``items()``; string items are
URL names, anything else needs ``get_absolute_url()``. Pages listed by URL name subclass
:class:`StaticPagesSitemap`, which dates them all with one query.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, Any, TypeGuard, overload

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db.models import Max, Model, QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import iri_to_uri
from django.utils.http import http_date

from codex_core.conf import get_config
from codex_core.i18n.languages import default_language
from codex_core.pagecache.tags import add_tag
from codex_core.seo.selectors import resolve_static_page_seo_model
from codex_core.urls import canonical_url, reverse_with_namespaces

if TYPE_CHECKING:
    from django.contrib.sites.models import Site
    from django.contrib.sites.requests import RequestSite

    _Sitemap = Sitemap[Any]
else:
    _Sitemap = Sitemap  # generic only in django-stubs


class BaseSitemap(_Sitemap):
    """Multilingual sitemap with canonical absolute URLs and hreflang alternates.

    Every item appears once per language (``i18n``) with alternates for all languages and
    ``x-default`` in ``SITEMAP_DEFAULT_LANGUAGE`` (or ``LANGUAGE_CODE``). URLs use
    ``CODEX_CANONICAL_SCHEME`` and ``CANONICAL_DOMAIN`` whatever host served the request.
    Each item's location is resolved once per language, not once per language for every
    entry and alternate as in plain Django.
    """

    i18n = True
    alternates = True
    x_default = True

    _location_cache: dict[tuple[int, str], str] | None = None

    @property
    def languages(self) -> list[str]:  # type: ignore[override]
        """The codes of ``settings.LANGUAGES`` (a subclass may set a list of its own)."""
        return [str(code) for code, _name in settings.LANGUAGES]

    def get_x_default_language(self) -> str:
        """The language of the ``x-default`` alternate: ``SITEMAP_DEFAULT_LANGUAGE``, else
        ``LANGUAGE_CODE``, normalised to its ``LANGUAGES`` entry (override to choose another)."""
        return default_language()

    def build_alternates(
        self, item: Any, domain: str | None = None, *, protocol: str | None = None
    ) -> list[dict[str, str]]:
        """The hreflang alternates of ``item`` (or an ``(item, language)`` pair): one
        ``{"lang_code", "location"}`` per language of the item, then ``x-default`` (in
        :meth:`get_x_default_language`, its prefixed URL) when that language is one of them.

        ``domain`` and ``protocol`` default to :meth:`get_domain` and :meth:`get_protocol`.
        Every sitemap entry's ``alternates`` come from here; override it to change them.
        """
        obj: Any = item[0] if isinstance(item, list | tuple) else item
        domain = domain or self.get_domain()
        protocol = protocol or self.get_protocol()
        languages = list(self.get_languages_for_item(obj))
        alternates = [
            {"lang_code": lang, "location": f"{protocol}://{domain}{self._location((obj, lang))}"}
            for lang in languages
        ]
        default = self.get_x_default_language()
        if self.x_default and default in languages:
            loc = f"{protocol}://{domain}{self._location((obj, default))}"
            alternates.append({"lang_code": "x-default", "location": loc})
        return alternates

    def location(self, item: Any) -> str:
        """Resolve an item to its path in the active language.

        The path may be an IRI (a hand-built ``get_absolute_url()`` with a native-script slug):
        every ``<loc>`` and ``href`` gets it percent-encoded once (``iri_to_uri``).

        String items are URL names, reversed directly and then through
        ``SITEMAP_LOOKUP_NAMESPACES`` (``NoReverseMatch`` when none matches); other items
        must implement ``get_absolute_url()``.
        """
        if isinstance(item, str):
            return reverse_with_namespaces(item)
        return str(item.get_absolute_url())

    def lastmod(self, item: Any) -> datetime | date | None:
        """The item's ``updated_at``, or ``None`` when it has none."""
        value: datetime | date | None = getattr(item, "updated_at", None)
        return value

    def get_latest_lastmod(self) -> datetime | None:
        """The newest ``lastmod``: one ``MAX(updated_at)`` query when ``items()`` is a queryset."""
        items = self.items()
        if (
            _plain_queryset(items)
            and type(self).lastmod is BaseSitemap.lastmod
            and _has_updated_at(items.model)
        ):
            latest: datetime | None = items.order_by().aggregate(latest=Max("updated_at"))["latest"]
            return latest
        return super().get_latest_lastmod()

    def _items(self) -> Sequence[Any]:
        # Django builds the (item, language) list of every item to paginate it, for each
        # section page and again for the index. For a queryset, count in the database and
        # load only the items of the requested page.
        items = self.items()
        if (
            self.i18n
            and _plain_queryset(items)
            and type(self).get_languages_for_item is Sitemap.get_languages_for_item
        ):
            ordered = items if items.ordered else items.order_by("pk")
            languages = self.languages if self.languages is not None else [c for c, _ in settings.LANGUAGES]
            return LazyI18nItems(ordered, list(languages))
        return super()._items()  # type: ignore[misc, no-any-return]

    def get_protocol(self, protocol: str | None = None) -> str:
        """The class's ``protocol`` if set, else ``CODEX_CANONICAL_SCHEME``; the request's is ignored.

        Under ``DEBUG`` without ``CANONICAL_DOMAIN``, Django's choice (the request's scheme).
        """
        if _debug_without_domain():
            return super().get_protocol(protocol)
        return self.protocol or get_config().canonical_scheme

    def get_domain(self, site: Site | RequestSite | None = None) -> str:
        """``CANONICAL_DOMAIN``; the request's host and the sites framework are ignored.

        Under ``DEBUG`` without it, Django's choice (the current ``Site``, or the request's host,
        which Django checks against ``ALLOWED_HOSTS``). Raises ``ImproperlyConfigured`` when it
        is empty in production rather than emit ``https:///``.
        """
        domain = get_config().canonical_domain
        if _debug_without_domain():
            return super().get_domain(site)
        if not domain:
            raise ImproperlyConfigured(
                f"{type(self).__name__} needs CANONICAL_DOMAIN (the public host name, e.g. "
                "'example.com') to build absolute sitemap URLs; it is empty."
            )
        return domain

    def _location(self, item: tuple[Any, str], force_lang_code: str | None = None) -> str:
        obj, lang_code = item
        lang_code = force_lang_code or lang_code
        key = (id(obj), lang_code)
        if self._location_cache is not None and key in self._location_cache:
            return self._location_cache[key]
        with translation.override(lang_code):
            location = iri_to_uri(self.location(obj))
        if self._location_cache is not None:
            self._location_cache[key] = location
        return location

    def _urls(self, page: int | str, protocol: str, domain: str) -> list[dict[str, Any]]:
        # Django asks for an item's location for its own entry and again for each
        # alternate; the cache (keyed by the item's id, alive for this page) makes that
        # one resolution per item and language.
        self._location_cache = {}
        try:
            urls: list[dict[str, Any]] = super()._urls(page, protocol, domain)  # type: ignore[misc]
            if self.i18n and self.alternates:
                for url_info in urls:
                    url_info["alternates"] = self.build_alternates(
                        url_info["item"], domain, protocol=protocol
                    )
        finally:
            self._location_cache = None
        return urls


class LazyI18nItems(Sequence[tuple[Any, str]]):
    """The ``(item, language)`` pairs of a queryset, item-major, loaded one slice at a time."""

    def __init__(self, queryset: QuerySet[Any], languages: list[str]) -> None:
        self.queryset = queryset
        self.languages = languages
        self._count: int | None = None

    def __len__(self) -> int:
        if self._count is None:
            self._count = self.queryset.count() * len(self.languages)
        return self._count

    @overload
    def __getitem__(self, index: int) -> tuple[Any, str]: ...

    @overload
    def __getitem__(self, index: slice) -> list[tuple[Any, str]]: ...

    def __getitem__(self, index: int | slice) -> tuple[Any, str] | list[tuple[Any, str]]:
        width = len(self.languages)
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step != 1 or start >= stop:
                return [self[i] for i in range(start, stop, step)]
            first = start // width
            objects = self.queryset[first : -(-stop // width)]
            pairs = [(obj, lang) for obj in objects for lang in self.languages]
            return pairs[start - first * width : stop - first * width]
        position = index + len(self) if index < 0 else index
        if not 0 <= position < len(self):
            raise IndexError(index)
        return (self.queryset[position // width], self.languages[position % width])


def _debug_without_domain() -> bool:
    return bool(settings.DEBUG) and not get_config().canonical_domain


def _plain_queryset(items: object) -> TypeGuard[QuerySet[Any]]:
    return isinstance(items, QuerySet) and not items.query.is_sliced


def _has_updated_at(model: type[Model]) -> bool:
    try:
        model._meta.get_field("updated_at")
    except FieldDoesNotExist:
        return False
    return True


class StaticPagesSitemap(BaseSitemap):
    """Pages listed by URL name (``SITEMAP_STATIC_PAGES``), dated by their SEO rows.

    An entry's ``lastmod`` is the ``updated_at`` of the page's ``CODEX_STATIC_PAGE_SEO_MODEL``
    row, keyed (like the ``seo_settings`` context processor) by the URL name without its
    namespace; a page without a row, or a model without ``updated_at``, has none. The dates
    come from :meth:`lastmods`, called once per sitemap page: one query however many pages.
    Subclasses listing other pages override ``items()`` and ``lastmods()``.
    """

    _lastmods: Mapping[str, datetime] | None = None

    #: The setting listing the URL names (the reference's seam: a subclass names another).
    setting_name = "SITEMAP_STATIC_PAGES"
    #: URL names when that setting is absent (the reference's default was ``("home",)``).
    default_items: tuple[str, ...] = ()
    #: Left out of the XML unless a subclass sets them (the reference set 0.8 and "monthly").
    priority: float | None = None
    changefreq: str | None = None

    def items(self) -> list[str]:
        """The URL names of :attr:`setting_name` (``SITEMAP_STATIC_PAGES``, read through
        ``codex_core.conf`` and checked by ``codex_core.E003``), else :attr:`default_items`."""
        if self.setting_name == "SITEMAP_STATIC_PAGES":
            return list(get_config().sitemap_static_pages or self.default_items)
        return list(getattr(settings, self.setting_name, self.default_items))

    def lastmods(self) -> Mapping[str, datetime]:
        """``{item: updated_at}`` of the items that have an SEO row, in one query."""
        names = self.items()
        for name in names:  # the page-cached sitemap shows these rows' dates
            add_tag("seo", name.rpartition(":")[2])
        model = resolve_static_page_seo_model()
        if not names or model is None or not _has_updated_at(model):
            return {}
        field = get_config().static_page_seo_key_field
        keys = {name: name.rpartition(":")[2] for name in names}
        rows = model._default_manager.filter(**{f"{field}__in": set(keys.values())})
        dates: dict[str, datetime] = dict(rows.values_list(field, "updated_at"))
        return {name: dates[key] for name, key in keys.items() if dates.get(key) is not None}

    def lastmod(self, item: Any) -> datetime | None:
        """The item's date from :meth:`lastmods` (read once per sitemap page), or ``None``."""
        lastmods = self.lastmods() if self._lastmods is None else self._lastmods
        return lastmods.get(item)

    def get_latest_lastmod(self) -> datetime | None:
        """The newest of :meth:`lastmods`; undated pages are left out (Django would give ``None``)."""
        return max(self.lastmods().values(), default=None)

    def _urls(self, page: int | str, protocol: str, domain: str) -> list[dict[str, Any]]:
        self._lastmods = self.lastmods()
        try:
            return super()._urls(page, protocol, domain)
        finally:
            self._lastmods = None


@dataclass(frozen=True)
class IndexEntry:
    """One ``<sitemap>`` of the index (what Django's ``sitemap_index.xml`` renders)."""

    location: str
    last_mod: datetime | date | None


def index(
    request: HttpRequest,
    sitemaps: Mapping[str, _Sitemap | type[_Sitemap]],
    sitemap_url_name: str = "django.contrib.sitemaps.views.sitemap",
) -> TemplateResponse:
    """Sitemap index whose section URLs are on ``CANONICAL_DOMAIN``, not the request's host.

    Under ``DEBUG`` without a canonical domain they are on the request's host, as in Django.

    Otherwise as ``django.contrib.sitemaps.views.index``: one entry per section page, each
    section's latest ``lastmod``, and a ``Last-Modified`` header when every section has one
    (dates count from midnight, naive datetimes as UTC, as in Django).
    """
    entries: list[IndexEntry] = []
    lastmods: list[datetime | date | None] = []
    for section, site in sitemaps.items():
        sitemap = site() if isinstance(site, type) else site
        path = reverse(sitemap_url_name, kwargs={"section": section})
        location = request.build_absolute_uri(path) if _debug_without_domain() else canonical_url(path)
        lastmod = sitemap.get_latest_lastmod()
        lastmods.append(lastmod)
        entries.append(IndexEntry(location, lastmod))
        entries.extend(
            IndexEntry(f"{location}?p={page}", lastmod) for page in range(2, sitemap.paginator.num_pages + 1)
        )
    headers = {}
    if lastmods and all(m is not None for m in lastmods):
        latest = max(_comparable(m) for m in lastmods if m is not None)
        headers["Last-Modified"] = http_date(latest.timestamp())
    response = TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml", headers=headers
    )
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response


def _comparable(value: datetime | date) -> datetime:
    """``value`` as an aware datetime: a date at midnight, a naive datetime in UTC (as Django's index)."""
    moment = value if isinstance(value, datetime) else datetime.combine(value, time.min)
    return timezone.make_aware(moment, UTC) if timezone.is_naive(moment) else moment
