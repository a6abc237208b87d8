"""Drop the busy-slot cache of exactly the master and date an appointment change touches."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from codex_core.redis.managers.booking import get_booking_cache_manager
from features.booking.models import Appointment

Slot = tuple[int, str]


def _slot(master_id: int, start: Any) -> Slot:
    return master_id, timezone.localtime(start, timezone.get_default_timezone()).date().isoformat()


def _invalidate_on_commit(slots: set[Slot]) -> None:
    def invalidate() -> None:
        manager = get_booking_cache_manager()
        for master_id, date_str in sorted(slots):
            manager.invalidate_master_date(master_id, date_str)

    transaction.on_commit(invalidate)


@receiver(pre_save, sender=Appointment, dispatch_uid="appointment_remember_slot")
def remember_stored_slot(*, instance: Appointment, **kwargs: Any) -> None:
    """An edit may move an appointment: remember where it was, to free that day too."""
    stored = None
    if instance.pk is not None:
        stored = Appointment.objects.filter(pk=instance.pk).values_list("master_id", "start").first()
    instance._stored_slot = _slot(*stored) if stored else None  # type: ignore[attr-defined]


@receiver(post_save, sender=Appointment, dispatch_uid="appointment_invalidate_save")
def invalidate_on_save(*, instance: Appointment, **kwargs: Any) -> None:
    slots = {_slot(instance.master_id, instance.start)}
    stored = getattr(instance, "_stored_slot", None)
    if stored is not None:
        slots.add(stored)
    _invalidate_on_commit(slots)


@receiver(post_delete, sender=Appointment, dispatch_uid="appointment_invalidate_delete")
def invalidate_on_delete(*, instance: Appointment, **kwargs: Any) -> None:
    _invalidate_on_commit({_slot(instance.master_id, instance.start)})
