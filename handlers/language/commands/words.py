"""The small helpers every command's `to_text` shares."""


def join(*parts: str) -> str:
    """Words of a command line, the empty ones left out."""
    return " ".join(part for part in parts if part)


def page_words(page: int) -> str:
    """"page 2" after a list command; nothing for the first page."""
    return f"page {page}" if page > 1 else ""

