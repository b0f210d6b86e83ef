"""Uploaded photos (§4.6 photo reports and any other app's pictures): validation, orientation,
generated names and thumbnails, in one place.

- The type is decided by the content (Pillow identifies the format), never by the file name or
  the browser's Content-Type; only JPEG, PNG and WebP are accepted.
- Size limits come from settings.PHOTO_MAX_BYTES and settings.PHOTO_MAX_PIXELS; the pixel count
  is checked from the header, before the image is decoded, so a «decompression bomb» is refused
  without being expanded in memory.
- The EXIF orientation is applied to the pixels and the image is re-encoded, which also drops
  the rest of the metadata (camera serial numbers, GPS position).
- Stored names are random (uuid4), so a name says nothing about the person or room and cannot
  be guessed.
"""

import io
import uuid
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from core.exceptions import ApplicationError

ALLOWED_FORMATS = {
    "JPEG": ("image/jpeg", ".jpg"),
    "PNG": ("image/png", ".png"),
    "WEBP": ("image/webp", ".webp"),
}
THUMBNAIL_SIZE = (320, 320)
JPEG_QUALITY = 88


@dataclass
class ProcessedImage:
    content: bytes
    name: str
    content_type: str
    width: int
    height: int
    thumbnail: bytes
    thumbnail_name: str


def _read(uploaded) -> bytes:
    if isinstance(uploaded, bytes | bytearray):
        return bytes(uploaded)
    if hasattr(uploaded, "seek"):
        uploaded.seek(0)
    return uploaded.read()


def _fail(message, field):
    raise ApplicationError(message, details={field: message})


def process_image(uploaded, *, field="image", max_bytes=None, max_pixels=None) -> ProcessedImage:
    """Validate and normalise an uploaded picture; raise ApplicationError naming `field`."""
    max_bytes = max_bytes or settings.PHOTO_MAX_BYTES
    max_pixels = max_pixels or settings.PHOTO_MAX_PIXELS
    size = getattr(uploaded, "size", None)
    if size is not None and size > max_bytes:
        _too_big(max_bytes, field)
    data = _read(uploaded)
    if len(data) > max_bytes:
        _too_big(max_bytes, field)
    if not data:
        _fail(_("Файл пуст."), field)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            image_format = image.format
            width, height = image.size
            if image_format not in ALLOWED_FORMATS:
                _fail(_("Допустимы только фотоснимки в форматах JPEG, PNG или WebP."), field)
            if width * height > max_pixels:
                _fail(
                    _(
                        "Фотоснимок слишком большой: %(w)s×%(h)s пикселей, допустимо не более "
                        "%(max)s млн пикселей."
                    )
                    % {"w": width, "h": height, "max": round(max_pixels / 1_000_000, 1)},
                    field,
                )
            image.load()
            image = ImageOps.exif_transpose(image)
    except ApplicationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        _fail(_("Файл не является фотоснимком (JPEG, PNG или WebP) или повреждён."), field)
    except (OSError, SyntaxError, ValueError):
        _fail(_("Файл не является фотоснимком (JPEG, PNG или WebP) или повреждён."), field)

    content_type, extension = ALLOWED_FORMATS[image_format]
    base = uuid.uuid4().hex
    content = _encode(image, image_format)
    thumb = image.copy()
    thumb.thumbnail(THUMBNAIL_SIZE)
    return ProcessedImage(
        content=content,
        name=base + extension,
        content_type=content_type,
        width=image.width,
        height=image.height,
        thumbnail=_encode(_rgb(thumb), "JPEG"),
        thumbnail_name=f"{base}-thumb.jpg",
    )


def _too_big(max_bytes, field):
    _fail(
        _("Файл слишком большой: допустимо не более %(mb)s МБ.")
        % {"mb": round(max_bytes / (1024 * 1024), 1)},
        field,
    )


def _rgb(image):
    if image.mode in ("RGB", "L"):
        return image
    background = Image.new("RGB", image.size, "white")
    rgba = image.convert("RGBA")
    background.paste(rgba, mask=rgba.getchannel("A"))
    return background


def _encode(image, image_format) -> bytes:
    buffer = io.BytesIO()
    if image_format == "JPEG":
        _rgb(image).save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
    else:
        image.save(buffer, image_format)
    return buffer.getvalue()
