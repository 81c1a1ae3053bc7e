"""Settings, read once from the environment at start and passed on."""

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore")

    database_url: str = "sqlite:///crmbot.db"
    default_timezone: str = "Europe/Berlin"
    log_level: str = "INFO"

    telegram_bot_token: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org"
    telegram_allowed_users: str = ""
    telegram_webhook_secret: SecretStr | None = None
    telegram_webhook_host: str = "127.0.0.1"  # behind a reverse proxy; 0.0.0.0 to be reached directly
    telegram_webhook_port: int = 8443

    slack_bot_token: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_api_url: str = "https://slack.com/api/"
    slack_host: str = "127.0.0.1"  # likewise
    slack_port: int = 3000

    web_host: str = "127.0.0.1"  # behind a reverse proxy that terminates https; 0.0.0.0 to be reached directly
    web_port: int = 8080
    web_public_url: str = ""  # e.g. https://crm.example.com: links in /web; set it to serve the web app beside chat
    web_secret: SecretStr | None = None  # signs session cookies; random per start when unset
    imap_host: str | None = None  # the team mailbox reps forward or BCC e-mails to
    imap_port: int = 993
    imap_user: str | None = None
    imap_password: SecretStr | None = None  # a password or an app password
    imap_folder: str = "INBOX"
    imap_ssl: bool = True

    def channels(self) -> list[str]:
        """The chat channels configured; none means the console."""
        found = []
        if self.telegram_bot_token:
            found.append("telegram")
        if self.slack_bot_token:
            found.append("slack")
        return found
