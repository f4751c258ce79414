"""Skoletjenesten's partnerships, and the collaboration agreements kommuner keep for their schools.

A partnership's partner is exactly one of: a learning environment on the platform, a kommune, or
another organisation (a university, a region, a foreign city …) kept as a ``PartnerOrganisation``.

A package along the seams of the domain: ``organisations`` (partners that are not on the platform),
``partnership`` (the partnership itself), ``parts`` (its staff, contacts, documents, knowledge products
and reminders), ``pages`` (the public partnership pages) and ``agreements`` (samarbejdsaftaler). Every
name is re-exported here, so ``partnerships.models.X`` (migrations, other apps) keeps working.
"""

from .agreements import AgreementContact, AgreementSide, CollaborationAgreement, CollaborationAgreementQuerySet
from .organisations import NON_NEGATIVE_AMOUNT, LocalizedDecimalField, PartnerKind, PartnerOrganisation
from .pages import PartnershipIndexPage
from .partnership import (
    CURRENT_STATUSES,
    PUBLIC_STATUSES,
    Partnership,
    PartnershipModel,
    PartnershipQuerySet,
    PartnershipStatus,
)
from .parts import (
    CoFinancedStaff,
    DocumentKind,
    KnowledgeProduct,
    KnowledgeProductKind,
    PartnershipContact,
    PartnershipDocument,
    PartnershipReminder,
    ReminderKind,
    Side,
)

__all__ = [
    "NON_NEGATIVE_AMOUNT",
    "LocalizedDecimalField",
    "PartnerKind",
    "PartnerOrganisation",
    "PartnershipModel",
    "PartnershipStatus",
    "CURRENT_STATUSES",
    "PUBLIC_STATUSES",
    "PartnershipQuerySet",
    "Partnership",
    "Side",
    "CoFinancedStaff",
    "PartnershipContact",
    "DocumentKind",
    "PartnershipDocument",
    "KnowledgeProductKind",
    "KnowledgeProduct",
    "ReminderKind",
    "PartnershipReminder",
    "PartnershipIndexPage",
    "CollaborationAgreementQuerySet",
    "AgreementSide",
    "CollaborationAgreement",
    "AgreementContact",
]
