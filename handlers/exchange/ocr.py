"""Text from a photo through Tesseract (German and English), with the binary's absence named, not crashed on."""

from __future__ import annotations

import io
import logging
import shutil
import subprocess
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Pillow loads when the first photo is read
    from PIL import Image

logger = logging.getLogger(__name__)

LANGUAGES = "deu+eng"
MAX_PIXELS = 4_000_000  # larger photos are scaled down: Tesseract's time grows with the area
MIN_WIDTH = 900  # smaller ones are scaled up: small print reads badly
TIMEOUT_SECONDS = 20
_ONE_THREAD = {"OMP_THREAD_LIMIT": "1"}  # on a busy two-core machine Tesseract's own threads only slow it down


class OcrUnavailable(Exception):
    """Tesseract (or its German or English model) is not installed."""


class NotAnImage(Exception):
    """The bytes are no picture Pillow can open."""


def binary() -> str:
    """The tesseract executable; raises OcrUnavailable when it is not installed."""
    found = shutil.which("tesseract")
    if found is None:
        raise OcrUnavailable("tesseract is not installed")
    return found


def languages() -> set[str]:
    """The language models Tesseract has."""
    result = subprocess.run([binary(), "--list-langs"], capture_output=True, text=True, timeout=TIMEOUT_SECONDS,
                            check=False)
    return {line.strip() for line in result.stdout.splitlines()[1:] if line.strip()}


def available() -> bool:
    """Whether the tesseract binary and both language models are there."""
    try:
        return {"deu", "eng"} <= languages()
    except (OcrUnavailable, OSError, subprocess.SubprocessError):
        return False


def prepared(content: bytes) -> Image.Image:
    """The photo in grey, upright by its EXIF, at a size Tesseract reads well and fast."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        image: Image.Image = Image.open(io.BytesIO(content))
        image = ImageOps.exif_transpose(image)
        image.load()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
        raise NotAnImage(str(error)) from error
    image = ImageOps.grayscale(image)
    width, height = image.size
    factor = min((MAX_PIXELS / (width * height)) ** 0.5, 1.0)
    if width * factor < MIN_WIDTH:
        factor = MIN_WIDTH / width
    if factor != 1.0:
        image = image.resize((max(1, int(width * factor)), max(1, int(height * factor))), Image.Resampling.LANCZOS)
    return image


def read_text(content: bytes) -> str:
    """The text Tesseract finds in the photo; raises OcrUnavailable or NotAnImage."""
    image = prepared(content)
    png = io.BytesIO()
    image.save(png, "PNG")
    command = [binary(), "stdin", "stdout", "-l", LANGUAGES, "--psm", "3"]
    try:
        result = subprocess.run(command, input=png.getvalue(), capture_output=True, timeout=TIMEOUT_SECONDS,
                                env=_ONE_THREAD, check=False)
    except subprocess.TimeoutExpired:
        logger.warning("tesseract took longer than %d s", TIMEOUT_SECONDS)
        return ""
    except OSError as error:
        raise OcrUnavailable(str(error)) from error
    errors = result.stderr.decode(errors="replace")
    if "Failed loading language" in errors or "Error opening data file" in errors:
        raise OcrUnavailable("tesseract lacks the deu or eng model")
    if result.returncode != 0:
        logger.warning("tesseract failed (%d): %s", result.returncode, errors[:300])
        return ""
    return result.stdout.decode(errors="replace")
