from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "features.articles"
    label = "articles"
