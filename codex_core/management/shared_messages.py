"""Messages extracted into several domains' ``.pot`` files, and moving them into one.

Django merges every catalogue on ``LOCALE_PATHS`` into one per language, so a message kept
in two domains is translated twice and one translation silently wins. ``codex_makemessages``
keeps each such message in the shared domain only, using these helpers on the ``.pot`` files
xgettext and msguniq wrote (a header block, then one block per message, separated by blank
lines).
"""

from __future__ import annotations

import ast
import os
import tempfile
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path

from django.core.management.base import CommandError
from django.core.management.utils import find_command, popen_wrapper

#: ``(msgctxt, msgid)``: what Django's merged catalogue is keyed by.
MessageKey = tuple[str | None, str]


def read_pot(path: Path) -> tuple[str, dict[MessageKey, str]]:
    """The header block and ``{key: block}`` of every message of a ``.pot`` file."""
    header, *blocks = path.read_text(encoding="utf-8").strip("\n").split("\n\n")
    return header, {message_key(block): block for block in blocks}


def message_key(block: str) -> MessageKey:
    """The ``(msgctxt, msgid)`` of one message block (keywords, then continuation lines)."""
    fields: dict[str, str] = {}
    keyword = ""
    for line in block.splitlines():
        if line.startswith(("msgctxt ", "msgid ", "msgid_plural ", "msgstr")):
            keyword, _space, value = line.partition(" ")
            fields[keyword] = ast.literal_eval(value)
        elif line.startswith('"') and keyword:
            fields[keyword] += ast.literal_eval(line)
    if "msgid" not in fields:
        raise CommandError(f"Not a gettext message (no msgid):\n{block}")
    return fields.get("msgctxt"), fields["msgid"]


def describe(key: MessageKey) -> str:
    """``msgid "Home"``, with its ``msgctxt`` when it has one."""
    context, msgid = key
    text = f"msgid {msgid!r}"
    return text if context is None else f"{text} (msgctxt {context!r})"


def shared_messages(pots: Mapping[str, Path]) -> dict[MessageKey, list[str]]:
    """``{key: domains}`` of the messages found in more than one of the ``{domain: .pot}`` files."""
    found: dict[MessageKey, list[str]] = {}
    for domain, pot in pots.items():
        for key in read_pot(pot)[1]:
            found.setdefault(key, []).append(domain)
    return {key: domains for key, domains in found.items() if len(domains) > 1}


def move_messages(
    keys: Collection[MessageKey],
    *,
    sources: Mapping[str, Path],
    target: Path,
    msgcat_options: Sequence[str],
) -> None:
    """Take the messages ``keys`` out of the ``sources`` ``.pot`` files and add them to ``target``.

    ``msgcat`` merges each message's references and flags from every source. Every input
    carries ``target``'s header (the first source's when ``target`` does not exist yet), so
    msgcat has no differing headers to mark up.
    """
    if find_command("msgcat") is None:
        raise CommandError("Can't find msgcat. Install GNU gettext (apt-get install gettext).")
    common_header = read_pot(target)[0] if target.exists() else None
    leaving: list[Path] = []
    with tempfile.TemporaryDirectory() as scratch:
        for domain, pot in sources.items():
            header, blocks = read_pot(pot)
            moved = [block for key, block in blocks.items() if key in keys]
            if not moved:
                continue
            kept = [block for key, block in blocks.items() if key not in keys]
            pot.write_text(_pot_text(header, kept), encoding="utf-8")
            common_header = common_header or header
            leaving.append(Path(scratch) / f"{domain}.pot")
            leaving[-1].write_text(_pot_text(common_header, moved), encoding="utf-8")
        if not leaving:
            return
        inputs = [str(target)] if target.exists() else []
        merged = Path(scratch) / "merged.pot"
        args = ["msgcat", *msgcat_options, "-o", str(merged), *inputs, *map(str, leaving)]
        _out, errors, status = popen_wrapper(args)
        if status != os.EX_OK:
            raise CommandError(f"msgcat failed while moving shared messages into {target}:\n{errors}")
        target.write_text(merged.read_text(encoding="utf-8"), encoding="utf-8")


def _pot_text(header: str, blocks: list[str]) -> str:
    return "\n\n".join([header, *blocks]) + "\n"
