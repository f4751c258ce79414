"""Teachers' shared lists of offers: no account, a short read-only share link and a secret edit link."""

from __future__ import annotations

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _


def new_share_token() -> str:
    return secrets.token_urlsafe(8)  # 11 characters, 64 random bits: short enough to say aloud, not guessable


def new_edit_token() -> str:
    return secrets.token_urlsafe(24)


class OfferList(models.Model):
    title = models.CharField(_("titel"), max_length=120)
    share_token = models.CharField(max_length=16, unique=True, default=new_share_token, editable=False)
    edit_token = models.CharField(max_length=40, unique=True, default=new_edit_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("delt liste")
        verbose_name_plural = _("delte lister")

    def __str__(self) -> str:
        return self.title


class OfferListItem(models.Model):
    offer_list = models.ForeignKey(OfferList, on_delete=models.CASCADE, related_name="items")
    # Kept when the offer page is deleted: the list then says the offer was withdrawn, under its old title.
    offer = models.ForeignKey("offers.OfferPage", null=True, on_delete=models.SET_NULL, related_name="+")
    offer_title = models.CharField(max_length=255)
    note = models.CharField(_("note"), max_length=300, blank=True)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        constraints = [models.UniqueConstraint(fields=["offer_list", "offer"], name="list_item_unique_offer")]

    def __str__(self) -> str:
        return self.offer_title

    @property
    def is_withdrawn(self) -> bool:
        return self.offer is None or not self.offer.live
