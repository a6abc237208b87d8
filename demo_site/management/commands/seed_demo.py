"""``manage.py seed_demo``: fill the demo site with content in every language.

Only what is missing is created, so edits made in the admin survive ``make demo`` restarts;
``--reset`` writes the original demo content back. What is missing includes the texts of a
language added after a database was seeded: a translated column the language's migration added
is NULL until written, while a text an editor clears in the admin is stored as "" and stays empty.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterable
from importlib import import_module
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Model
from modeltranslation.translator import translator

#: Features seeded, in dependency order; each has ``demo_data.seed(*, reset) -> dict[str, int]``
#: and ``demo_data.demo_rows()``, the demo rows in the database with the fields they are seeded with.
FEATURES = ("site_settings", "notifications", "pages", "articles", "booking")


def never_written(obj: Model, original: dict[str, object]) -> dict[str, object]:
    """The translated fields of ``obj`` that are NULL, with the value ``original`` seeds them with."""
    options = translator.get_options_for_model(type(obj))
    translated = {field.name for fields in options.all_fields.values() for field in fields}
    return {
        name: value
        for name, value in original.items()
        if name in translated and value is not None and getattr(obj, name) is None
    }


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
                demo_data = import_module(f"features.{feature}.demo_data")
                counts = demo_data.seed(reset=options["reset"])
                summary = ", ".join(f"{count} {name}" for name, count in counts.items())
                self.stdout.write(f"{feature}: {summary}")
                if not options["reset"]:
                    self._fill_missing_translations(feature, demo_data.demo_rows())
            self._ensure_admin(options["admin_username"])
        if options["reset"]:
            self.stdout.write(self.style.SUCCESS("Original demo content restored."))
        else:
            self.stdout.write(self.style.SUCCESS("Demo data is in place; existing rows keep their edits."))

    def _fill_missing_translations(
        self, feature: str, rows: Iterable[tuple[Model, dict[str, object]]]
    ) -> None:
        """Write the seeded text into every translated field of a demo row that was never written."""
        filled = 0
        for obj, original in rows:
            missing = never_written(obj, original)
            if not missing:
                continue
            for name, value in missing.items():
                setattr(obj, name, value)
            try:
                obj.full_clean(exclude=[f.name for f in obj._meta.fields if f.name not in missing])
            except ValidationError as error:
                messages = " ".join(error.messages)
                self.stderr.write(f"{feature}: {obj!r} keeps its missing translations: {messages}")
                continue
            obj.save(update_fields=sorted(missing))
            filled += 1
        if filled:
            noun = "row" if filled == 1 else "rows"
            self.stdout.write(f"{feature}: missing translations filled in {filled} existing {noun}")

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
