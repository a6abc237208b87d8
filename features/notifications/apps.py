from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "features.notifications"
    label = "notifications"
