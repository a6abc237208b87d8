from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BookingConfig(AppConfig):
    name = "features.booking"
    label = "booking"
    verbose_name = _("Booking")

    def ready(self) -> None:
        from features.booking import signals  # noqa: F401  (connects the receivers)
        from features.booking.checks import check_horizon  # noqa: F401  (registers the system check)
