"""Who may keep collaboration agreements: a kommune's consultants, for their own kommune only."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies import BasePermissionPolicy

from municipalities.access import acts_for_any_municipality, municipalities_for_user

from .selectors import agreements_for_user


class CollaborationAgreementPermissionPolicy(BasePermissionPolicy):
    """Membership of a kommune's editors' group (MunicipalSite.editors_group) grants every action on
    that kommune's agreements; superusers act for all kommuner. No model permissions are needed,
    so a kommune gets access as soon as its site and group exist."""

    def _acts_for_some_municipality(self, user) -> bool:
        if not (user.is_authenticated and user.is_active):
            return False
        return user.is_superuser or acts_for_any_municipality(user)

    def user_has_permission(self, user, action):
        return self._acts_for_some_municipality(user)

    def user_has_any_permission(self, user, actions):
        return self._acts_for_some_municipality(user)

    def users_with_any_permission(self, actions):
        return (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(Q(is_superuser=True) | Q(groups__municipal_site__isnull=False))
            .distinct()
        )

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not self._acts_for_some_municipality(user):
            return False
        return user.is_superuser or municipalities_for_user(user).filter(pk=instance.municipality_id).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        return agreements_for_user(user)

    def users_with_any_permission_for_instance(self, actions, instance):
        return self.users_with_any_permission(actions).filter(
            Q(is_superuser=True) | Q(groups__municipal_site__municipality_id=instance.municipality_id)
        )
