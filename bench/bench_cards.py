"""Business cards drawn with Pillow (tests/card_images.py), read by Tesseract and handlers/card_reader.py:
accuracy per field, and time per card."""

import statistics
import sys
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parents[1] / "tests")]

from card_images import render, variants  # noqa: E402

from handlers.exchange.ocr import read_text  # noqa: E402
from handlers.language.card_reader import ascii_fold, read_card  # noqa: E402

FIELDS = ("name", "email", "phone", "company", "title", "website", "address")


def right(field: str, card, found) -> bool:  # type: ignore[no-untyped-def]
    """Whether the reader found the card's value for `field` (address: its street and city)."""
    if field == "email":
        return card.email in found.emails
    if field == "phone":
        return card.phone_e164 in found.phones
    if field == "address":
        return ascii_fold(card.street) in ascii_fold(found.address) and ascii_fold(card.city) in ascii_fold(found.address)
    expected = getattr(card, field)
    return ascii_fold(expected.removeprefix("www.")) == ascii_fold(getattr(found, field).removeprefix("www."))


def main() -> None:
    hits = {field: 0 for field in FIELDS}
    all_three = 0
    times = []
    misses = []
    cases = variants()
    for card, options in cases:
        image = render(card, **options)  # type: ignore[arg-type]
        start = time.perf_counter()
        found = read_card(read_text(image))
        times.append(time.perf_counter() - start)
        ok = {field: right(field, card, found) for field in FIELDS}
        for field, good in ok.items():
            hits[field] += good
        all_three += ok["name"] and ok["email"] and ok["phone"]
        misses += [f"{card.name} {options}: {field} read {getattr(found, field if field not in ('email', 'phone') else field + 's')!r}"
                   for field, good in ok.items() if not good]
    print(f"{len(cases)} clean cards (10 people, 6 fonts, 3 layouts, rotated -3..3 degrees), English and German")
    print("| field | right |")
    print("|---|---:|")
    for field in FIELDS:
        print(f"| {field} | {hits[field] / len(cases):.0%} |")
    print(f"| name + e-mail + phone | {all_three / len(cases):.0%} |")
    print(f"time per card (OCR + reading): median {statistics.median(times):.2f} s, max {max(times):.2f} s")
    for line in misses:
        print("  miss:", line)


if __name__ == "__main__":
    main()
