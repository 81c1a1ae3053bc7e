"""A private Dovecot IMAP server on 127.0.0.1 for the mail tests: a passwd-file user and a maildir in a tmp dir."""

import imaplib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

USER, PASSWORD = "crm@team.example", "mailbox-secret"
START_SECONDS = 15


def binary() -> str | None:
    return shutil.which("dovecot") or next((p for p in ("/usr/sbin/dovecot",) if Path(p).exists()), None)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def config(folder: Path, port: int) -> str:
    """A minimal dovecot.conf: IMAP only, plaintext login on loopback, no SSL, mail in folder/mail."""
    if os.geteuid() == 0:  # Dovecot runs its logins and mail as the unprivileged users Debian's package made
        mail_user, login_user, internal_user = "dovecot", "dovenull", "dovecot"
    else:
        mail_user = login_user = internal_user = pwd.getpwuid(os.geteuid()).pw_name
    account = pwd.getpwnam(mail_user)
    for sub in ("mail", "home"):
        (folder / sub).mkdir()
        os.chown(folder / sub, account.pw_uid, account.pw_gid)
    (folder / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
    return f"""
base_dir = {folder}/run
state_dir = {folder}/state
log_path = {folder}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {internal_user}
default_login_user = {login_user}
mail_location = maildir:{folder}/mail/%u
first_valid_uid = {account.pw_uid}
first_valid_gid = {account.pw_gid}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {folder}/passwd
}}
userdb {{
  driver = static
  args = uid={account.pw_uid} gid={account.pw_gid} home={folder}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service pop3-login {{
  inet_listener pop3 {{
    port = 0
  }}
}}
service submission-login {{
  inet_listener submission {{
    port = 0
  }}
}}
"""


class Dovecot:
    """Started by `start`, stopped by `stop`; `append` puts a mail in the folder as a mail program would."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="crmbot-dovecot-"))
        self.folder.chmod(0o755)  # the unprivileged login and mail users must reach it
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        path = self.folder / "dovecot.conf"
        path.write_text(config(self.folder, self.port))
        self.process = subprocess.Popen([str(binary()), "-F", "-c", str(path)], stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            try:
                client = self.client()
                client.logout()
                return
            except (OSError, imaplib.IMAP4.error):
                if self.process.poll() is not None:
                    break
                time.sleep(0.1)
        log = (self.folder / "dovecot.log").read_text() if (self.folder / "dovecot.log").exists() else ""
        self.stop()
        raise RuntimeError(f"dovecot did not start: {log[-2000:]}")

    def client(self) -> imaplib.IMAP4:
        client = imaplib.IMAP4("127.0.0.1", self.port, timeout=10)
        client.login(USER, PASSWORD)
        return client

    def append(self, raw: bytes, folder: str = "INBOX") -> None:
        client = self.client()
        try:
            client.append(folder, "", None, raw)
        finally:
            client.logout()

    def unseen(self, folder: str = "INBOX") -> int:
        client = self.client()
        try:
            client.select(folder)
            _, found = client.uid("SEARCH", "UNSEEN")  # type: ignore[arg-type]
            return len((found[0] or b"").split())
        finally:
            client.logout()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        shutil.rmtree(self.folder, ignore_errors=True)
