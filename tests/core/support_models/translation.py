from modeltranslation.translator import TranslationOptions, register

from tests.core.support_models.models import StaticSeo


@register(StaticSeo)
class StaticSeoTranslationOptions(TranslationOptions):
    fields = ("seo_title", "seo_description")
