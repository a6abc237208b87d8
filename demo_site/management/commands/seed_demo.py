"""``manage.py seed_demo``: fill the demo site with content in every language.

Only what is missing is created, so edits made in the admin survive ``make demo`` restarts;
``--reset`` writes the original demo content back.
"""

from __future__ import annotations

import os
import secrets
from importlib import import_module
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

#: Features seeded, in dependency order; each has ``demo_data.seed(*, reset) -> dict[str, int]``.
FEATURES = ("site_settings", "notifications", "pages", "articles", "booking")


class Command(BaseCommand):
    help = (
        "Create the demo content (all languages) and the admin user where missing; admin edits are kept. "
        "--reset restores the original demo content."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--admin-username", default="admin", help="Username of the demo superuser.")
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Write the original content back into every demo row (rows added in the admin stay).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["admin_username"].strip():
            raise CommandError("--admin-username must not be empty.")
        with transaction.atomic():
            for feature in FEATURES:
                counts = import_module(f"features.{feature}.demo_data").seed(reset=options["reset"])
                summary = ", ".join(f"{count} {name}" for name, count in counts.items())
                self.stdout.write(f"{feature}: {summary}")
            self._ensure_admin(options["admin_username"])
        if options["reset"]:
            self.stdout.write(self.style.SUCCESS("Original demo content restored."))
        else:
            self.stdout.write(
                self.style.SUCCESS("Demo data is in place; existing rows were left as they are.")
            )

    def _ensure_admin(self, username: str) -> None:
        user_model = get_user_model()
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD", "")
        user = user_model.objects.filter(username=username).first()
        if user is not None and not password:
            self.stdout.write(f"Admin user {username!r} exists; password unchanged.")
            return
        generated = not password
        if generated:
            password = secrets.token_urlsafe(12)
        if user is None:
            user = user_model(username=username, email=f"{username}@example.com")
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        if generated:
            self.stdout.write(f"Admin user {username!r} created with the generated password: {password}")
        else:
            self.stdout.write(f"Admin user {username!r} uses the password from DJANGO_SUPERUSER_PASSWORD.")
