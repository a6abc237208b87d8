"""codex_makemessages on a real temporary project tree with the real gettext tools."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import translation

from codex_core.i18n import discover_locale_paths

LOCALES = ("en", "de", "ru", "ar")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Two root-template domains, a feature with templates and code, common files and test noise."""
    tag = '{% load i18n %}{% translate "TEXT" %}\n'
    _write(tmp_path / "templates" / "articles" / "list.html", tag.replace("TEXT", "Article list"))
    _write(tmp_path / "templates" / "booking" / "form.html", tag.replace("TEXT", "Book now"))
    _write(tmp_path / "templates" / "base.html", tag.replace("TEXT", "Site footer"))
    _write(
        tmp_path / "features" / "pages" / "templates" / "pages" / "page.html",
        tag.replace("TEXT", "Page title"),
    )
    _write(
        tmp_path / "features" / "pages" / "models.py",
        'from django.utils.translation import gettext_lazy as _\n\nLABEL = _("Pages label")\n',
    )
    _write(
        tmp_path / "demo_site" / "settings.py",
        'from django.utils.translation import gettext_lazy as _\n\nNAME = _("Demo name")\n',
    )
    _write(tmp_path / "tests" / "page.html", tag.replace("TEXT", "Test only"))
    return tmp_path


def _run(base: Path, *args: str) -> str:
    return _run_with_stderr(base, *args)[0]


def _run_with_stderr(base: Path, *args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    with override_settings(BASE_DIR=base, LOCALE_PATHS=[]):
        call_command("codex_makemessages", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _msgids(po: Path) -> set[str]:
    return set(re.findall(r'^msgid "(.+)"$', po.read_text(encoding="utf-8"), re.MULTILINE))


def _po(base: Path, domain: str, lang: str) -> Path:
    return base / "locale" / domain / lang / "LC_MESSAGES" / "django.po"


def _translate(po: Path, msgid: str, msgstr: str) -> None:
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace(f'msgid "{msgid}"\nmsgstr ""', f'msgid "{msgid}"\nmsgstr "{msgstr}"'), "utf-8")


def test_each_domain_gets_only_its_own_strings(project: Path) -> None:
    out = _run(project)
    expected = {
        "articles": {"Article list"},
        "booking": {"Book now"},
        "pages": {"Page title", "Pages label"},
        "common": {"Site footer", "Demo name"},
    }
    for domain, msgids in expected.items():
        for lang in LOCALES:
            assert _msgids(_po(project, domain, lang)) == msgids, (domain, lang)
    assert sorted(p.name for p in (project / "locale").iterdir()) == sorted(expected)
    assert "#: templates/articles/list.html:1" in _po(project, "articles", "de").read_text("utf-8")
    assert out.endswith("Wrote 16 catalogue(s) for 4 domain(s).\n")
    # Django's preprocessed template copies are cleaned up.
    assert not list(project.rglob("*.html.py"))


def test_dry_run_prints_the_plan_and_writes_nothing(project: Path) -> None:
    out = _run(project, "--dry-run", "-l", "de")
    assert out == (
        "Dry run: nothing written. Locales: de.\n"
        "articles <- templates/articles\n"
        "    -> locale/articles/de/LC_MESSAGES/django.po\n"
        "booking <- templates/booking\n"
        "    -> locale/booking/de/LC_MESSAGES/django.po\n"
        "pages <- features/pages\n"
        "    -> locale/pages/de/LC_MESSAGES/django.po\n"
        "common <- . (everything outside the domains above)\n"
        "    -> locale/common/de/LC_MESSAGES/django.po\n"
    )
    assert not (project / "locale").exists()


def test_locale_option_limits_the_languages(project: Path) -> None:
    _run(project, "--locale", "de")
    assert sorted(p.name for p in (project / "locale" / "articles").iterdir()) == ["de"]


def test_rerun_keeps_translations_and_picks_up_new_strings(project: Path) -> None:
    _run(project, "-l", "de")
    po = _po(project, "articles", "de")
    _translate(po, "Article list", "Artikelliste")
    _write(project / "templates" / "articles" / "detail.html", '{% load i18n %}{% translate "Read more" %}')
    _run(project, "-l", "de")
    text = po.read_text("utf-8")
    assert 'msgid "Article list"\nmsgstr "Artikelliste"' in text
    assert _msgids(po) == {"Article list", "Read more"}


def _entry(po: Path, msgid: str) -> str:
    """The whole entry of ``msgid`` in ``po``: comments, references, flags, msgid and msgstr."""
    blocks = po.read_text("utf-8").split("\n\n")
    found = [block for block in blocks if f'\nmsgid "{msgid}"\n' in f"\n{block}"]
    assert len(found) == 1, (po, msgid, found)
    return found[0].strip("\n")


SHARED = '{% load i18n %}{% translate "Book now" %}{% translate "Article list" %}\n'


def test_a_message_in_several_domains_moves_to_common_with_a_warning(project: Path) -> None:
    _run(project, "-l", "de")
    _translate(_po(project, "articles", "de"), "Article list", "Artikelliste")
    _write(project / "templates" / "booking" / "form.html", SHARED)
    out, err = _run_with_stderr(project, "-l", "de")
    assert err == (
        "Warning: msgid 'Article list' is extracted into several domains (articles, booking); "
        "it is kept in common only.\n"
    )
    assert out.endswith("Wrote 4 catalogue(s) for 4 domain(s).\n")
    assert _msgids(_po(project, "articles", "de")) == set()
    assert "Article list" not in _po(project, "articles", "de").read_text("utf-8")  # no obsolete copy
    assert _msgids(_po(project, "booking", "de")) == {"Book now"}
    assert _msgids(_po(project, "common", "de")) == {"Site footer", "Demo name", "Article list"}
    # One entry naming both sources, and the translation moved along with it.
    assert _entry(_po(project, "common", "de"), "Article list") == (
        "#: templates/articles/list.html:1 templates/booking/form.html:1\n"
        'msgid "Article list"\nmsgstr "Artikelliste"'
    )
    assert not list(project.rglob("*.pot"))


def test_a_message_no_longer_shared_moves_back_with_its_translation(project: Path) -> None:
    _write(project / "templates" / "booking" / "form.html", SHARED)
    _run(project, "-l", "de")
    _translate(_po(project, "common", "de"), "Article list", "Artikelliste")
    _write(project / "templates" / "booking" / "form.html", '{% load i18n %}{% translate "Book now" %}\n')
    _out, err = _run_with_stderr(project, "-l", "de")
    assert err == ""
    assert _entry(_po(project, "articles", "de"), "Article list") == (
        '#: templates/articles/list.html:1\nmsgid "Article list"\nmsgstr "Artikelliste"'
    )
    assert _msgids(_po(project, "common", "de")) == {"Site footer", "Demo name"}


def test_messages_are_shared_by_context_too(project: Path) -> None:
    """Django keys its merged catalogue by context and msgid: another context is another message."""
    _write(
        project / "templates" / "articles" / "may.html",
        '{% load i18n %}{% translate "May" context "month" %}',
    )
    _write(project / "templates" / "booking" / "may.html", '{% load i18n %}{% translate "May" %}')
    _write(
        project / "templates" / "pages" / "may.html", '{% load i18n %}{% translate "May" context "month" %}'
    )
    _out, err = _run_with_stderr(project, "-l", "de")
    assert err == (
        "Warning: msgid 'May' (msgctxt 'month') is extracted into several domains (articles, pages); "
        "it is kept in common only.\n"
    )
    assert _msgids(_po(project, "booking", "de")) == {"Book now", "May"}
    assert 'msgctxt "month"\nmsgid "May"' in _po(project, "common", "de").read_text("utf-8")


def test_compiled_catalogues_load_through_discover_locale_paths(project: Path) -> None:
    _run(project, "-l", "de")
    _translate(_po(project, "articles", "de"), "Article list", "Artikelliste")
    _translate(_po(project, "common", "de"), "Site footer", "Fusszeile")
    _run(project, "-l", "de", "--compile")
    assert _po(project, "articles", "de").with_suffix(".mo").is_file()
    with override_settings(LOCALE_PATHS=discover_locale_paths(project)), translation.override("de"):
        assert translation.gettext("Article list") == "Artikelliste"
        assert translation.gettext("Site footer") == "Fusszeile"
        assert translation.gettext("Book now") == "Book now"


def test_app_local_templates_are_a_domain(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(project / "shop" / "__init__.py", "")
    _write(project / "shop" / "templates" / "shop" / "cart.html", '{% load i18n %}{% translate "Cart" %}')
    _write(project / "plain" / "__init__.py", "")  # an app without templates stays in common
    monkeypatch.syspath_prepend(str(project))
    with override_settings(INSTALLED_APPS=[*settings.INSTALLED_APPS, "shop", "plain"]):
        out = _run(project, "--dry-run", "-l", "de")
        _run(project, "-l", "de")
    assert "shop <- shop\n" in out
    assert "plain" not in out
    assert _msgids(_po(project, "shop", "de")) == {"Cart"}
    assert _msgids(_po(project, "common", "de")) == {"Site footer", "Demo name"}


def test_the_real_project_plan() -> None:
    out = StringIO()
    call_command("codex_makemessages", "--dry-run", stdout=out)
    plan = out.getvalue()
    assert plan.startswith("Dry run: nothing written. Locales: en, de, ru, ar.\n")
    assert "codex_core <-" not in plan  # codex_core's strings belong to common
    assert "common <- . (everything outside the domains above)\n" in plan


def test_no_domains_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(
        CommandError, match=r"^No translation domains found under .*: expected templates/<domain>/"
    ):
        _run(tmp_path)


def test_missing_base_dir_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(
        CommandError, match=r"^settings.BASE_DIR must be the project root directory; got .*nowhere"
    ):
        _run(tmp_path / "nowhere")


def test_template_syntax_errors_name_the_domain(project: Path) -> None:
    _write(
        project / "templates" / "booking" / "broken.html",
        "{% load i18n %}{% blocktranslate %}{% if x %}{% endif %}{% endblocktranslate %}",
    )
    with pytest.raises(
        CommandError,
        match=r"^makemessages failed for domain .booking.: SyntaxError: Translation blocks must not include",
    ):
        _run(project, "-l", "de")


def _path_with(tmp_path: Path, programs: tuple[str, ...]) -> str:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for program in programs:
        (bin_dir / program).symlink_to(shutil.which(program))
    return str(bin_dir)


def test_missing_gettext_is_an_error(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", _path_with(project, ()))
    with pytest.raises(
        CommandError, match=r"^makemessages failed for domain 'articles': Can't find msguniq\."
    ):
        _run(project, "-l", "de")


def test_missing_msgfmt_is_an_error_on_compile(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", _path_with(project, ("xgettext", "msguniq", "msgmerge", "msgattrib")))
    with pytest.raises(CommandError, match=r"^Can't find msgfmt\. Install GNU gettext"):
        _run(project, "-l", "de", "--compile")


def test_missing_msgcat_is_an_error_when_messages_are_shared(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(project / "templates" / "booking" / "form.html", SHARED)
    monkeypatch.setenv("PATH", _path_with(project, ("xgettext", "msguniq", "msgmerge", "msgattrib")))
    with pytest.raises(CommandError, match=r"^Can't find msgcat\. Install GNU gettext"):
        _run(project, "-l", "de")
    assert not list(project.rglob("*.pot"))


def test_msgfmt_errors_fail_the_compile(project: Path) -> None:
    _write(
        project / "templates" / "booking" / "hello.html",
        "{% load i18n %}{% blocktranslate %}Hello {{ name }}{% endblocktranslate %}",
    )
    _run(project, "-l", "de")
    _translate(_po(project, "booking", "de"), "Hello %(name)s", "Hallo %(nom)s")
    with pytest.raises(CommandError, match=r"^compilemessages reported errors"):
        _run(project, "-l", "de", "--compile")


def test_command_line_exit_status(project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """A failure must never exit 0 from manage.py."""
    settings_dir = tmp_path_factory.mktemp("settings")
    empty = tmp_path_factory.mktemp("empty")
    _write(settings_dir / "mm_settings.py", f"from tests.settings import *\nBASE_DIR = {str(empty)!r}\n")
    env = {**os.environ, "PYTHONPATH": f"{settings_dir}{os.pathsep}{Path.cwd()}"}
    args = [sys.executable, "-m", "django", "codex_makemessages", "--settings", "mm_settings", "-l", "de"]
    failed = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    assert failed.returncode == 1
    assert "CommandError: No translation domains found under" in failed.stderr
