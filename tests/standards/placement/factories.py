"""Helpers of the «Set in order» tests: a PNG and a PDF made in the test, and approved schemes
for every room of an agency (used by the step-closure tests, which need step 2's schemes)."""

import io

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from agencies.models import Room
from standards.placement.choices import ApprovalStatus, SchemeKind
from standards.placement.models import PlacementScheme

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def png_upload(name="scheme.png", size=(80, 60), color="white"):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def pdf_upload(name="scheme.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def approve_schemes(agency, *, on=None):
    """An approved rational-placement scheme for every room of `agency` that has none."""
    done = set(
        PlacementScheme.objects.filter(
            agency=agency, kind=SchemeKind.RATIONAL, status=ApprovalStatus.APPROVED
        ).values_list("room_id", flat=True)
    )
    for room in Room.objects.filter(agency=agency).exclude(pk__in=done):
        scheme = PlacementScheme(
            agency=agency,
            room=room,
            kind=SchemeKind.RATIONAL,
            version=(room.placement_schemes.count() + 1),
            content_type="image/png",
            status=ApprovalStatus.APPROVED,
            approved_on=on,
        )
        scheme.file.save(f"test-{room.pk}.png", ContentFile(png_upload().read()), save=False)
        scheme.save()
