"""modeltranslation registration: subject and body exist per language."""

from modeltranslation.translator import TranslationOptions, register

from features.notifications.models import NotificationTemplate


@register(NotificationTemplate)
class NotificationTemplateTranslationOptions(TranslationOptions):
    fields = ("subject", "body")
