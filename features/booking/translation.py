"""modeltranslation registration: a master's bio and the names of services exist per language."""

from modeltranslation.translator import TranslationOptions, register

from features.booking.models import Master, Service


@register(Master)
class MasterTranslationOptions(TranslationOptions):
    fields = ("bio",)


@register(Service)
class ServiceTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = {"en": ("name",)}
