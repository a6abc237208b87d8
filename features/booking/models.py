"""Masters (who can be booked, and when) and their appointments."""

from __future__ import annotations

from datetime import MAXYEAR, MINYEAR
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from codex_core.invalidation import InvalidatingQuerySet
from codex_core.mixins.models import ActiveMixin, OrderableMixin, SlugMixin, TimestampMixin

MasterManager = models.Manager.from_queryset(InvalidatingQuerySet)


class Master(  # type: ignore[django-manager-missing]  # django-stubs cannot resolve the reverse manager "services"
    OrderableMixin, ActiveMixin, SlugMixin, TimestampMixin, models.Model
):
    """A bookable person with daily working hours cut into equal slots.

    Working hours are wall-clock times in the site's ``TIME_ZONE``. ``bio`` is translated.
    """

    name = models.CharField(_("name"), max_length=100)
    bio = models.TextField(_("bio"), blank=True)
    work_start = models.TimeField(_("work starts"))
    work_end = models.TimeField(_("work ends"))
    slot_minutes = models.PositiveSmallIntegerField(
        _("slot length (minutes)"),
        default=60,
        validators=[MinValueValidator(5), MaxValueValidator(24 * 60)],
    )

    # Declared so django-stubs can type it; modeltranslation swaps in its multilingual manager.
    objects: ClassVar[MasterManager[Master]] = MasterManager()

    class Meta(OrderableMixin.Meta):
        ordering = ["order", "name"]
        verbose_name = _("master")
        verbose_name_plural = _("masters")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("booking:master_detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.work_start is not None and self.work_end is not None and self.work_end <= self.work_start:
            raise ValidationError({"work_end": _("Work must end after it starts.")})


ServiceManager = models.Manager.from_queryset(InvalidatingQuerySet)


class Service(OrderableMixin, models.Model):
    """Something a master offers, with its price in euros and how long it takes. ``name`` is translated."""

    master = models.ForeignKey(Master, on_delete=models.CASCADE, related_name="services")
    name = models.CharField(_("name"), max_length=100)
    price = models.DecimalField(
        _("price (EUR)"), max_digits=7, decimal_places=2, validators=[MinValueValidator(0)]
    )
    minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(5), MaxValueValidator(24 * 60)]
    )

    objects: ClassVar[ServiceManager[Service]] = ServiceManager()

    class Meta(OrderableMixin.Meta):
        ordering = ["master", "order", "id"]
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self) -> str:
        return str(self.name)


AppointmentManager = models.Manager.from_queryset(InvalidatingQuerySet)


class Appointment(models.Model):
    """One booked interval ``[start, end)`` of a master; cancelled ones free the slot."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        CONFIRMED = "confirmed", _("confirmed")
        CANCELLED = "cancelled", _("cancelled")

    master = models.ForeignKey(Master, on_delete=models.CASCADE, related_name="appointments")
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    client_name = models.CharField(_("name"), max_length=100)
    client_email = models.EmailField(_("e-mail"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects: ClassVar[AppointmentManager[Appointment]] = AppointmentManager()

    class Meta:
        ordering = ["start"]
        indexes = [models.Index(fields=["master", "start"])]
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")

    def __str__(self) -> str:
        return f"{self.master} {self.start:%Y-%m-%d %H:%M}"

    def clean(self) -> None:
        # A year at the edge of the calendar overflows when converted to UTC (to store it) or to
        # local time (to show it); the admin form would answer with a 500.
        out_of_range = {
            name: ValidationError(
                _("Enter a date between the years %(first)s and %(last)s."),
                code="out_of_range",
                params={"first": MINYEAR + 1, "last": MAXYEAR - 1},
            )
            for name in ("start", "end")
            if getattr(self, name) is not None and not MINYEAR < getattr(self, name).year < MAXYEAR
        }
        if out_of_range:
            raise ValidationError(out_of_range)
        if self.start is not None and self.end is not None and self.end <= self.start:
            raise ValidationError({"end": _("An appointment must end after it starts.")})
