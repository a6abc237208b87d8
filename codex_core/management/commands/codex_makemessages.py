"""Domain-aware wrapper around Django's ``makemessages``: one catalogue per template domain.

Domains are root ``templates/<domain>/`` directories, feature-local
``features/<feature>/templates/`` (the whole feature, so its ``.py`` strings too) and
app-local ``<app>/templates/`` of project apps under ``BASE_DIR``. Each domain gets
``locale/<domain>/<lang>/LC_MESSAGES/django.po`` with only its own strings; everything
else (root templates outside a domain directory, project ``.py`` files, ``codex_core``)
goes to ``locale/common/``. Django's machinery does the extraction and merging, so
existing translations survive a re-run.

A message extracted into several domains is kept in ``common`` only, with a warning naming
it and the domains: Django merges all catalogues into one, so two copies would be translated
twice and one of them silently ignored. Its translation moves along (the other domains'
catalogues are msgmerge compendia), so moving a message never loses a translation.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.management.commands import compilemessages, makemessages
from django.core.management.utils import find_command, is_ignored_path
from django.utils.translation import to_locale

from codex_core.management.shared_messages import describe, move_messages, shared_messages

COMMON_DOMAIN = "common"
# Never scanned: VCS/virtualenv/editor noise and test code (test templates are not shipped).
IGNORE_PATTERNS = ("CVS", ".*", "*~", "*.pyc", "__pycache__", "node_modules", "site-packages", "tests")


@dataclass(frozen=True)
class Domain:
    """A catalogue to build: its name and source directories relative to ``BASE_DIR``."""

    name: str
    sources: tuple[Path, ...]

    def po_files(self, base_dir: Path, locales: list[str]) -> list[Path]:
        """The ``django.po`` files this domain owns, one per locale."""
        return [base_dir / "locale" / self.name / loc / "LC_MESSAGES" / "django.po" for loc in locales]


def discover_domains(base_dir: Path) -> list[Domain]:
    """Find the template domains of the project rooted at ``base_dir``, sorted by name."""
    sources: dict[str, list[Path]] = {}
    for child in _subdirs(base_dir / "templates"):
        sources.setdefault(child.name, []).append(child.relative_to(base_dir))
    for feature in _subdirs(base_dir / "features"):
        if (feature / "templates").is_dir():
            sources.setdefault(feature.name, []).append(feature.relative_to(base_dir))
    for app in apps.get_app_configs():
        path = Path(app.path).resolve()
        if app.name == "codex_core" or not path.is_relative_to(base_dir) or path == base_dir:
            continue  # codex_core's own strings belong to the common catalogue
        relative = path.relative_to(base_dir)
        if relative.parts[0] == "features" or not (path / "templates").is_dir():
            continue
        if any(is_ignored_path(part, IGNORE_PATTERNS) for part in relative.parts):
            continue
        sources.setdefault(app.label, []).append(relative)
    return [Domain(name, tuple(paths)) for name, paths in sorted(sources.items())]


def _subdirs(path: Path) -> list[Path]:
    if not path.is_dir():
        return []
    return sorted(p for p in path.iterdir() if p.is_dir() and not is_ignored_path(p.name, IGNORE_PATTERNS))


class _DomainMakeMessages(makemessages.Command):
    """Django's makemessages restricted to some source roots, writing to one locale dir.

    It stops at the ``.pot`` file: :meth:`write_catalogues` writes the ``.po`` files once
    every domain's ``.pot`` is known and shared messages have moved.
    """

    def __init__(self, *, roots: list[str], locale_dir: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.roots = roots
        self.locale_dir = locale_dir

    @property
    def potfile(self) -> Path:
        """Where Django's ``build_potfiles`` writes this domain's template (gettext domain ``django``)."""
        return Path(self.locale_dir) / "django.pot"

    def find_files(self, root: str) -> list[makemessages.TranslatableFile]:
        files: list[makemessages.TranslatableFile] = []
        for source in self.roots:
            files += super().find_files(source)
        for found in files:
            found.locale_dir = self.locale_dir
        # find_files also registers every nested locale/ dir; only ours receives a .pot.
        self.locale_paths = [self.locale_dir]
        return sorted(files)

    def write_po_file(self, potfile: str, locale: str) -> None:
        """Deferred to :meth:`write_catalogues`."""

    def write_catalogues(self, locales: list[str], compendia: dict[str, list[Path]]) -> None:
        """Merge the ``.pot`` into each locale's ``.po``, filling missing translations from ``compendia``."""
        if not self.potfile.exists():
            return
        merge, attrib = self.msgmerge_options, self.msgattrib_options
        # --force-po: msgattrib writes nothing when no message is left, keeping the obsolete ones.
        self.msgattrib_options = [*attrib, "--force-po"]
        try:
            for locale in locales:
                self.msgmerge_options = [*merge, *(f"--compendium={c}" for c in compendia.get(locale, []))]
                super().write_po_file(str(self.potfile), locale)
        finally:
            self.msgmerge_options, self.msgattrib_options = merge, attrib


class _CatalogueCompiler(compilemessages.Command):
    """Django's compilemessages for an explicit list of .po files."""

    def compile_files(self, po_files: list[Path], verbosity: int) -> None:
        if find_command(self.program) is None:
            raise CommandError(f"Can't find {self.program}. Install GNU gettext (apt-get install gettext).")
        self.verbosity = verbosity
        self.has_errors = False
        self.compile_messages([(str(po.parent), po.name) for po in po_files])
        if self.has_errors:
            raise CommandError("compilemessages reported errors; see the messages above.")


class Command(BaseCommand):
    """Generate one translation catalogue per template domain plus a common one."""

    help = "Generate locale/<domain>/<lang>/LC_MESSAGES/django.po per template domain, plus locale/common."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        """Register ``--dry-run``, ``--locale/-l`` (repeatable) and ``--compile``."""
        parser.add_argument("--dry-run", action="store_true", help="Print the plan and write nothing.")
        parser.add_argument(
            "--locale",
            "-l",
            action="append",
            default=[],
            help="Locale to process (e.g. de); repeatable. Default: every language in settings.LANGUAGES.",
        )
        parser.add_argument("--compile", action="store_true", help="Compile the produced catalogues.")

    def handle(self, *args: Any, **options: Any) -> None:
        """Discover domains and run makemessages for each one and for the common bucket."""
        base_dir = self._base_dir()
        domains = discover_domains(base_dir)
        if not domains:
            raise CommandError(
                f"No translation domains found under {base_dir}: expected templates/<domain>/, "
                "features/<feature>/templates/ or <app>/templates/ directories."
            )
        locales: list[str] = options["locale"] or [to_locale(code) for code, _name in settings.LANGUAGES]
        common = Domain(COMMON_DOMAIN, (Path("."),))
        plan = [*domains, common]
        if options["dry_run"]:
            self._print_plan(plan, base_dir, locales)
            return
        verbosity: int = options["verbosity"]
        excluded = [source.as_posix() for domain in domains for source in domain.sources]
        commands: dict[str, _DomainMakeMessages] = {}
        try:
            with contextlib.chdir(base_dir):
                for domain in plan:
                    ignore = excluded if domain is common else []
                    commands[domain.name] = self._make_messages(domain, base_dir, locales, ignore, verbosity)
                self._share(commands)
                self._write_catalogues(plan, commands, base_dir, locales)
        finally:
            for command in commands.values():
                command.potfile.unlink(missing_ok=True)
        produced = [po for domain in plan for po in domain.po_files(base_dir, locales) if po.exists()]
        if options["compile"] and produced:
            compiler = _CatalogueCompiler()
            compiler.stdout, compiler.stderr = self.stdout, self.stderr
            compiler.compile_files(produced, verbosity)
        self.stdout.write(f"Wrote {len(produced)} catalogue(s) for {len(plan)} domain(s).")

    def _base_dir(self) -> Path:
        base = getattr(settings, "BASE_DIR", None)
        if not base or not Path(base).is_dir():
            raise CommandError(f"settings.BASE_DIR must be the project root directory; got {base!r}.")
        return Path(base).resolve()

    def _print_plan(self, plan: list[Domain], base_dir: Path, locales: list[str]) -> None:
        self.stdout.write(f"Dry run: nothing written. Locales: {', '.join(locales)}.")
        for domain in plan:
            sources = ", ".join(source.as_posix() for source in domain.sources)
            if domain.name == COMMON_DOMAIN:
                sources += " (everything outside the domains above)"
            self.stdout.write(f"{domain.name} <- {sources}")
            for po in domain.po_files(base_dir, locales):
                self.stdout.write(f"    -> {po.relative_to(base_dir).as_posix()}")

    def _share(self, commands: dict[str, _DomainMakeMessages]) -> None:
        """Keep each message extracted into several domains in ``common`` only, and say so."""
        pots = {name: command.potfile for name, command in commands.items() if command.potfile.exists()}
        shared = shared_messages(pots)
        for key, names in shared.items():
            self.stderr.write(
                f"Warning: {describe(key)} is extracted into several domains ({', '.join(names)}); "
                f"it is kept in {COMMON_DOMAIN} only."
            )
        if shared:
            common = commands[COMMON_DOMAIN]
            move_messages(
                set(shared),
                sources={name: pot for name, pot in pots.items() if name != COMMON_DOMAIN},
                target=common.potfile,
                msgcat_options=common.msguniq_options,
            )

    def _write_catalogues(
        self, plan: list[Domain], commands: dict[str, _DomainMakeMessages], base_dir: Path, locales: list[str]
    ) -> None:
        """Write every domain's ``.po`` files; the others' catalogues (as they were) are compendia."""
        valid = [locale for locale in locales if makemessages.is_valid_locale(locale)]
        with tempfile.TemporaryDirectory() as scratch:
            before: dict[str, dict[str, Path]] = {}
            for domain in plan:
                for locale, po in zip(locales, domain.po_files(base_dir, locales), strict=True):
                    if po.exists():
                        copy = Path(scratch) / domain.name / f"{locale}.po"
                        copy.parent.mkdir(exist_ok=True)
                        before.setdefault(domain.name, {})[locale] = Path(shutil.copy2(po, copy))
            for domain in plan:
                compendia = {
                    locale: [
                        pos[locale] for name, pos in before.items() if name != domain.name and locale in pos
                    ]
                    for locale in valid
                }
                commands[domain.name].write_catalogues(valid, compendia)

    def _make_messages(
        self, domain: Domain, base_dir: Path, locales: list[str], ignore: list[str], verbosity: int
    ) -> _DomainMakeMessages:
        """Extract ``domain``'s messages into its ``.pot`` file (kept for :meth:`_share`)."""
        locale_dir = base_dir / "locale" / domain.name
        locale_dir.mkdir(parents=True, exist_ok=True)
        if verbosity > 0:
            self.stdout.write(f"Domain {domain.name}: {locale_dir.relative_to(base_dir).as_posix()}")
        command = _DomainMakeMessages(
            roots=[f"./{source.as_posix()}" if source != Path(".") else "." for source in domain.sources],
            locale_dir=str(locale_dir),
        )
        try:
            call_command(
                command,
                locale=locales,
                keep_pot=True,
                # Only current messages: one that moved to another catalogue leaves no copy behind.
                no_obsolete=True,
                ignore_patterns=[*IGNORE_PATTERNS, *ignore],
                verbosity=verbosity,
                stdout=self.stdout,
                stderr=self.stderr,
            )
        except CommandError as exc:
            command.potfile.unlink(missing_ok=True)
            raise CommandError(f"makemessages failed for domain {domain.name!r}: {exc}") from exc
        except Exception as exc:  # template syntax errors, unreadable files, ...
            command.potfile.unlink(missing_ok=True)
            raise CommandError(
                f"makemessages failed for domain {domain.name!r}: {type(exc).__name__}: {exc}"
            ) from exc
        return command
