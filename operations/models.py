from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PageCreation(models.Model):
    """The page an add form in the admin made (operations.page_creation): a later post of the same form
    edits this page instead of making another."""

    token = models.UUIDField(primary_key=True)
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("oprettet side")
        verbose_name_plural = _("oprettede sider")

    def __str__(self) -> str:
        return f"{self.token} → {self.page_id}"
