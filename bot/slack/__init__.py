"""The Slack channel: Bolt listeners in, the engine's replies out as Block Kit."""
