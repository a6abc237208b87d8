"""Send notification e-mails rendered from admin-edited templates."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.mail import send_mail

from features.notifications.rendering import render_string
from features.notifications.selectors import notification_template_get


def notification_render(*, key: str, language: str, context: dict[str, Any]) -> tuple[str, str]:
    """Return the rendered ``(subject, body)`` of template ``key`` in ``language``."""
    subject_source, body_source = notification_template_get(key, language)
    # A header must be one line, whatever the template author typed.
    subject = " ".join(render_string(subject_source, context).split())
    # A body saved through a browser form has CRLF line breaks (the HTML spec's form encoding);
    # the e-mail has plain "\n" lines whichever way the template was written.
    body = render_string(body_source, context).replace("\r\n", "\n").replace("\r", "\n")
    return subject, body


def notification_send(*, key: str, language: str, to: Sequence[str], context: dict[str, Any]) -> int:
    """Render template ``key`` in ``language`` and e-mail it to ``to``; return the number sent."""
    subject, body = notification_render(key=key, language=language, context=context)
    return send_mail(subject, body, from_email=None, recipient_list=list(to))
