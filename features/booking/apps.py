from django.apps import AppConfig


class BookingConfig(AppConfig):
    name = "features.booking"
    label = "booking"
