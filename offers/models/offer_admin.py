"""The offer's admin form: its four tabs (panels), the form class (Danish postcode error) and its permission
tester (no query per explorer row)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.models import Page, PagePermissionTester

from ..fields import PostcodeInput


class OfferPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "location_postcode" in self.fields:
            self.fields["location_postcode"].error_messages["invalid_choice"] = _(
                "Skriv et dansk postnummer med fire cifre, f.eks. 8000."
            )


class LeafPagePermissionTester(PagePermissionTester):
    """For a page without children, "has it live descendants?" is its own live flag: no query per row of
    the explorer (Wagtail asks it for every row's Move and Delete buttons when the editor may not publish)."""

    def can_delete(self, ignore_bulk=False):
        if (
            self.page.numchild == 0
            and self.user.is_active
            and not self.user.is_superuser
            and not self.page_is_root
            and "change" in self.permissions
            and "publish" not in self.permissions
        ):
            return not self.page.live
        return super().can_delete(ignore_bulk=ignore_bulk)


# The form in four tabs a museum educator recognises (plus Wagtail's promotion and settings tabs).
CONTENT_PANELS = Page.content_panels + [
    FieldPanel("teaser"),
    FieldPanel("description"),
    MultiFieldPanel(
        [FieldPanel("image"), FieldPanel("image_alt_text"), FieldPanel("image_credit")], heading=_("Billede")
    ),
    MultiFieldPanel(
        [FieldPanel("preparation_material"), FieldPanel("follow_up_material")],
        heading=_("Før og efter besøget"),
    ),
]
AUDIENCE_PANELS = [
    FieldRowPanel(
        [FieldPanel("grade_from"), FieldPanel("grade_to")],
        heading=_("Klassetrin"),
        help_text=_("Målgruppen (dagtilbud, grundskole, ungdomsuddannelse) følger af klassetrinnene."),
    ),
    FieldPanel("subjects", help_text=_("De fag fra Fælles Mål, tilbuddet arbejder med.")),
    FieldPanel("subject_areas", help_text=_("Mindst ét fagområde; det bestemmer tilbuddets afsnit i kataloget.")),
    FieldPanel("sdgs", help_text=_("Kun de verdensmål, eleverne faktisk arbejder med.")),
]
PRACTICAL_PANELS = [
    FieldPanel("formats"),
    FieldRowPanel([FieldPanel("duration"), FieldPanel("duration_minutes")]),
    MultiFieldPanel(
        [FieldPanel("is_free"), FieldRowPanel([FieldPanel("price_amount"), FieldPanel("price_note")])],
        heading=_("Pris"),
    ),
    FieldRowPanel([FieldPanel("group_size_min"), FieldPanel("group_size_max")], heading=_("Gruppestørrelse")),
    MultiFieldPanel(
        [
            FieldPanel("months"),
            FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
            FieldPanel("dates_note"),
        ],
        heading=_("Hvornår"),
        help_text=_("Efter periodens sidste dag forsvinder tilbuddet af sig selv fra søgningen."),
    ),
    FieldPanel("languages"),
    MultiFieldPanel(
        [
            FieldPanel("use_environment_location"),
            FieldPanel("location_address"),
            FieldPanel(
                "location_postcode",
                widget=PostcodeInput(),
                help_text=_("Fire cifre, f.eks. 8000 (kun hvis tilbuddet ikke foregår på miljøets adresse)."),
            ),
        ],
        heading=_("Sted"),
    ),
    MultiFieldPanel(
        [FieldPanel("step_free_access"), FieldPanel("special_needs_adapted"), FieldPanel("accessibility_info")],
        heading=_("Tilgængelighed"),
    ),
    FieldPanel("last_verified", read_only=True),
]
BOOKING_PANELS = [
    FieldPanel("booking_url", help_text=_("Jeres bookingside, hvis I har en.")),
    FieldRowPanel([FieldPanel("booking_email"), FieldPanel("booking_phone")]),
    FieldPanel("booking_deadline_note", help_text=_("F.eks. “Book senest 3 uger før”.")),
    FieldPanel("takes_platform_requests"),
]
EDIT_HANDLER = TabbedInterface(
    [
        ObjectList(CONTENT_PANELS, heading=_("Indhold")),
        ObjectList(AUDIENCE_PANELS, heading=_("Målgruppe og fag")),
        ObjectList(PRACTICAL_PANELS, heading=_("Praktisk")),
        ObjectList(BOOKING_PANELS, heading=_("Booking")),
        ObjectList(Page.promote_panels, heading=_("Promovering")),
        ObjectList(Page.settings_panels, heading=_("Indstillinger")),
    ]
)
