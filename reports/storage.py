"""Where generated documents and published files live: outside MEDIA_ROOT (next to it, or in
settings.PRIVATE_MEDIA_ROOT), served only through the permission-checked download views."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property


class ReportStorage(FileSystemStorage):
    @cached_property
    def base_location(self):
        configured = getattr(settings, "PRIVATE_MEDIA_ROOT", None)
        root = configured or os.path.join(
            os.path.dirname(os.path.normpath(settings.MEDIA_ROOT)), "private-media"
        )
        return os.path.join(str(root), "reports")

    @cached_property
    def location(self):
        return os.path.abspath(self.base_location)

    @cached_property
    def base_url(self):
        return None


report_storage = ReportStorage()
