"""The web companion: pages, a JSON API and a calendar feed, served beside (or instead of) the chat channels."""
