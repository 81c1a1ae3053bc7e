"""A scripted console session through the real `crmbot` CLI, as a subprocess."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import POSTGRES_URL

SCRIPT = """\
/add Anna Schulz, Acme GmbH, anna@acme.de, +49 170 1234567
/note anna: called, wants pricing
/task call Anna tomorrow 9am
1
/deal Acme rollout 12k EUR proposal
/stage acme won
/find schultz
/lang de
/aufgaben
/rückgängig
"""


def run_cli(args: list[str], stdin: str, database_url: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": database_url, "DEFAULT_TIMEZONE": "Europe/Berlin"}
    for name in ("TELEGRAM_BOT_TOKEN", "SLACK_BOT_TOKEN"):
        env.pop(name, None)
    return subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, text=True,
                          env=env, timeout=120, cwd=Path(__file__).parent.parent)


@pytest.mark.skipif(POSTGRES_URL is not None, reason="the console keeps its own SQLite file")
def test_console_session(tmp_path: Path) -> None:
    result = run_cli(["console"], SCRIPT, f"sqlite:///{tmp_path / 'crm.db'}")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "👤 Added Anna Schulz (Acme GmbH)." in out
    assert "[1] 📝 Note" in out and "(tel:+491701234567)" in out
    assert "📝 Note saved on Anna Schulz." in out
    assert "⏰ Task #1: call Anna" in out
    assert "✅ Done: #1 call Anna" in out  # "1" pressed the first button of the task reply
    assert "🎉 Acme rollout won: 12,000 EUR!" in out
    assert "👤 Anna Schulz" in out.split('Results for "schultz"')[1]
    assert "Sprache ist jetzt Deutsch." in out
    assert "Keine offenen Aufgaben." in out
    assert "Traceback" not in out + result.stderr


@pytest.mark.skipif(POSTGRES_URL is not None, reason="the console keeps its own SQLite file")
def test_demo_then_console_sees_the_data(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'crm.db'}"
    loaded = run_cli(["demo", "--no-console"], "", url)
    assert loaded.returncode == 0, loaded.stderr
    assert "Loaded the demo: 25 changes" in loaded.stdout
    session = run_cli(["console"], "/pipeline\n/find mueller\n", url)
    assert "Negotiation: 1 · 45,000 EUR (weighted 33,750 EUR)" in session.stdout
    assert "👤 Maria Müller" in session.stdout


@pytest.mark.skipif(POSTGRES_URL is not None, reason="the console keeps its own SQLite file")
def test_import_then_export_through_the_cli(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'crm.db'}"
    source = tmp_path / "google.csv"
    source.write_text("Name,E-mail 1 - Value,Phone 1 - Value,Organization 1 - Name\n"
                      "Anna Schulz,anna@acme.de,+49 170 1234567,Acme GmbH\n", encoding="utf-8")
    imported = run_cli(["import", str(source)], "", url)
    assert imported.returncode == 0, imported.stderr
    assert "1 new contact(s)" in imported.stdout
    target = tmp_path / "out.vcf"
    exported = run_cli(["export", "contacts", "--format", "vcf", "-o", str(target)], "", url)
    assert exported.returncode == 0, exported.stderr
    card = target.read_text(encoding="utf-8")
    assert "FN:Anna Schulz" in card and "anna@acme.de" in card and "+491701234567" in card
    missing = run_cli(["import", str(tmp_path / "missing.csv")], "", url)
    assert missing.returncode == 1 and "No such file" in missing.stderr
