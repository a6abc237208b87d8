"""Language codes as ``settings.LANGUAGES`` spells them.

Django accepts a ``LANGUAGE_CODE`` that is only a variant of a ``LANGUAGES`` entry
(``"en-us"`` with ``("en", …)``, ``"pt-BR"`` with ``("pt-br", …)``) and may then activate
that variant. Everything in ``codex_core`` that compares a language with ``LANGUAGES`` goes
through :func:`supported_language` first, as Django's own ``LocaleMiddleware`` does.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation

from codex_core.conf import get_config


def language_codes() -> list[str]:
    """The codes of ``settings.LANGUAGES``, in their order."""
    return [str(code) for code, _name in settings.LANGUAGES]


def supported_language(code: str | None) -> str | None:
    """``code`` as listed in ``LANGUAGES``, or ``None`` when no entry matches.

    Uses Django's ``get_supported_language_variant``: ``"en-us"`` -> ``"en"``,
    ``"pt"`` and ``"pt-BR"`` -> ``"pt-br"``. Under ``USE_I18N = False`` only the codes of
    ``LANGUAGES`` themselves match (in any case).
    """
    if not code:
        return None
    # Django compares codes case-insensitively and may return the variant as it was asked for.
    codes = {listed.lower(): listed for listed in language_codes()}
    if code.lower() in codes:
        return codes[code.lower()]
    if not settings.USE_I18N:
        return None
    try:
        variant = str(translation.get_supported_language_variant(code))
    except LookupError:
        return None
    return codes.get(variant.lower())


def site_language() -> str:
    """``LANGUAGE_CODE`` as listed in ``LANGUAGES`` (the first entry when it matches none).

    A ``LANGUAGE_CODE`` outside ``LANGUAGES`` is Django's system check ``translation.E004``.
    """
    codes = language_codes()
    return supported_language(settings.LANGUAGE_CODE) or (codes[0] if codes else str(settings.LANGUAGE_CODE))


def default_language() -> str:
    """The language of ``x-default`` links: ``SITEMAP_DEFAULT_LANGUAGE``, else ``LANGUAGE_CODE``.

    Both are normalised with :func:`supported_language`; a ``SITEMAP_DEFAULT_LANGUAGE`` that
    matches no entry of ``LANGUAGES`` (system check ``codex_core.E009``) falls back to
    ``LANGUAGE_CODE``.
    """
    return supported_language(get_config().sitemap_default_language) or site_language()


def active_language(request: HttpRequest | None = None) -> str:
    """The language of the current response as listed in ``LANGUAGES``.

    ``request.LANGUAGE_CODE`` (set by ``LocaleMiddleware``), else the active language, else
    :func:`site_language`.
    """
    code = getattr(request, "LANGUAGE_CODE", None) or translation.get_language()
    return supported_language(code) or site_language()
