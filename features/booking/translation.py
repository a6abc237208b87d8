"""modeltranslation registration: a master's bio exists per language."""

from modeltranslation.translator import TranslationOptions, register

from features.booking.models import Master


@register(Master)
class MasterTranslationOptions(TranslationOptions):
    fields = ("bio",)
