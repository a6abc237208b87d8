"""Reusable abstract model mixins and the admin fieldsets that go with them.

The mixins are re-exported here, as in the reference::

    from codex_core.mixins import ActiveMixin, SlugMixin, TimestampMixin

(importing them needs Django's app registry, i.e. not from a settings module).
"""

from codex_core.mixins.models import (
    ActiveMixin,
    OrderableMixin,
    SeoMixin,
    SlugMixin,
    SoftDeleteMixin,
    TimestampMixin,
    UUIDMixin,
)

__all__ = [
    "ActiveMixin",
    "OrderableMixin",
    "SeoMixin",
    "SlugMixin",
    "SoftDeleteMixin",
    "TimestampMixin",
    "UUIDMixin",
]
