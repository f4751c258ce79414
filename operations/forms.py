"""Upload limits with Danish messages (Wagtail's own size checks speak English only, so they are off)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm


def check_upload_size(form, *, limit: int, noun: str):
    file = form.cleaned_data.get("file")
    if file is not None and "file" in form.changed_data and file.size > limit:
        raise ValidationError(
            _("Filen fylder %(size)s; %(noun)s må højst fylde %(limit)s.")
            % {"size": filesizeformat(file.size), "noun": noun, "limit": filesizeformat(limit)},
            code="file_too_large",
        )
    return file


class LimitedDocumentForm(BaseDocumentForm):
    """Refuses a document larger than DOCUMENT_MAX_UPLOAD_SIZE (the admin's form and its multiple upload)."""

    def clean_file(self):
        return check_upload_size(self, limit=settings.DOCUMENT_MAX_UPLOAD_SIZE, noun=_("et dokument"))


class LimitedImageForm(BaseImageForm):
    """Refuses an image larger than IMAGE_MAX_UPLOAD_SIZE."""

    def clean_file(self):
        return check_upload_size(self, limit=settings.IMAGE_MAX_UPLOAD_SIZE, noun=_("et billede"))
