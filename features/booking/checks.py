"""System checks for the booking feature's settings (ids ``booking.E001`` …)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error, register

from features.booking.conf import DEFAULT_HORIZON_DAYS, horizon_days_problem


@register()
def check_horizon(app_configs: Sequence[AppConfig] | None = None, **kwargs: Any) -> list[CheckMessage]:
    """E001: ``BOOKING_HORIZON_DAYS`` is a whole number of days within the allowed range."""
    problem = horizon_days_problem(getattr(settings, "BOOKING_HORIZON_DAYS", DEFAULT_HORIZON_DAYS))
    if problem is None:
        return []
    hint = (
        "Set BOOKING_HORIZON_DAYS to how many days ahead visitors may book (for example 90), "
        f"or remove it to use the default ({DEFAULT_HORIZON_DAYS})."
    )
    return [Error(problem, hint=hint, id="booking.E001")]
