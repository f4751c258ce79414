from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Grade, Subject, SubjectArea, SustainableDevelopmentGoal, TargetGroup


class TargetGroupViewSet(SnippetViewSet):
    model = TargetGroup
    icon = "group"
    list_display = ["name", "slug"]


class GradeViewSet(SnippetViewSet):
    model = Grade
    icon = "list-ol"
    list_display = ["name", "target_group", "position"]
    list_filter = ["target_group"]


class SubjectViewSet(SnippetViewSet):
    model = Subject
    icon = "doc-full"
    list_display = ["name", "kind", "subject_block", "grade_range_label"]
    list_filter = ["kind"]
    search_fields = ["name"]


class SubjectAreaViewSet(SnippetViewSet):
    model = SubjectArea
    icon = "folder-open-inverse"
    list_display = ["name", "broad_area", "catalogue_position"]
    list_filter = ["broad_area"]


class SustainableDevelopmentGoalViewSet(SnippetViewSet):
    model = SustainableDevelopmentGoal
    icon = "globe"
    list_display = ["number", "name", "colour"]


class CurriculumGroup(SnippetViewSetGroup):
    menu_label = _("Målgrupper og fag")
    menu_icon = "list-ul"
    menu_order = 800
    items = (TargetGroupViewSet, GradeViewSet, SubjectViewSet, SubjectAreaViewSet, SustainableDevelopmentGoalViewSet)


register_snippet(CurriculumGroup)
