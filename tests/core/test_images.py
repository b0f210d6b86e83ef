"""core.images: type by content, size and pixel limits, EXIF orientation, names, thumbnails."""

import io

import pytest
from PIL import Image

from core.exceptions import ApplicationError
from core.images import process_image


def _jpeg(size=(400, 200), orientation=None, color="red"):
    image = Image.new("RGB", size, color)
    buffer = io.BytesIO()
    if orientation:
        exif = Image.Exif()
        exif[0x0112] = orientation
        image.save(buffer, "JPEG", exif=exif)
    else:
        image.save(buffer, "JPEG")
    return buffer.getvalue()


def test_a_jpeg_is_accepted_renamed_and_thumbnailed(settings):
    result = process_image(_jpeg((1200, 600)))
    assert result.content_type == "image/jpeg"
    assert result.name.endswith(".jpg") and len(result.name) == 36
    assert (result.width, result.height) == (1200, 600)
    thumb = Image.open(io.BytesIO(result.thumbnail))
    assert max(thumb.size) == 320 and thumb.format == "JPEG"


def test_names_are_generated_not_taken_from_the_upload():
    first = process_image(_jpeg())
    second = process_image(_jpeg())
    assert first.name != second.name


def test_exif_orientation_is_applied_to_the_pixels():
    result = process_image(_jpeg((400, 200), orientation=6))  # rotate 90° clockwise
    assert (result.width, result.height) == (200, 400)
    assert "exif" not in Image.open(io.BytesIO(result.content)).info or not Image.open(
        io.BytesIO(result.content)
    ).getexif().get(0x0112)


def test_a_text_file_named_like_a_photo_is_refused():
    with pytest.raises(ApplicationError, match="не является фотоснимком"):
        process_image(b"GIF89a? no, just text pretending to be an image.jpg")


def test_a_gif_is_refused_by_its_content():
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, "GIF")
    with pytest.raises(ApplicationError, match="JPEG, PNG или WebP"):
        process_image(buffer.getvalue())


def test_too_many_bytes_are_refused(settings):
    settings.PHOTO_MAX_BYTES = 500
    with pytest.raises(ApplicationError, match="слишком большой"):
        process_image(_jpeg((400, 400)))


def test_too_many_pixels_are_refused_before_decoding(settings):
    settings.PHOTO_MAX_PIXELS = 10_000
    with pytest.raises(ApplicationError, match="пикселей"):
        process_image(_jpeg((200, 200)))


def test_a_png_with_transparency_gets_a_jpeg_thumbnail():
    buffer = io.BytesIO()
    Image.new("RGBA", (50, 50), (0, 0, 255, 0)).save(buffer, "PNG")
    result = process_image(buffer.getvalue())
    assert result.content_type == "image/png" and result.name.endswith(".png")
    assert Image.open(io.BytesIO(result.thumbnail)).mode == "RGB"


def test_a_truncated_image_is_refused():
    with pytest.raises(ApplicationError):
        process_image(_jpeg((300, 300))[:200])
