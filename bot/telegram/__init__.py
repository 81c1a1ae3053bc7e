"""The Telegram channel: python-telegram-bot in, the engine's replies out."""
