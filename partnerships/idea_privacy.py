"""What the partner search holds about a person (their ideas, their interests), and how it forgets them: a person
who deletes their account takes their ideas and interests out of the search (an application made from an idea
stays: it is the programme's record)."""

from interact_portal.accounts.privacy import eraser, personal_data_section

from .idea_models import IdeaInterest, ProjectIdea


@personal_data_section("project_ideas")
def ideas_of(user) -> list:
    return list(
        ProjectIdea.objects.filter(owner=user)
        .order_by("created_at")
        .values("title", "summary", "programme__name", "status", "expires_on", "created_at")
    )


@personal_data_section("idea_interests")
def idea_interests_of(user) -> list:
    return list(
        IdeaInterest.objects.filter(person=user)
        .order_by("created_at")
        .values("idea__title", "organisation__name", "created_at")
    )


@eraser
def ideas_forget(user) -> None:
    IdeaInterest.objects.filter(person=user).delete()
    ProjectIdea.objects.filter(owner=user).delete()
