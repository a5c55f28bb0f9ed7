"""Demo people: the review groups, the demo users (one per role) and the fictional expert pool."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from articles.models import Discipline
from review.models import ExpertProfile

DEMO_PASSWORD = "kepu-demo-2026"  # noqa: S105 - printed for the demo, never for production

# The review groups of 三审 and the creators; permissions grow with the review workflow.
GROUPS = {
    "editors": "责任编辑",
    "experts": "审核专家",
    "chief-editors": "总编",
    "creators": "创作者",
}
DEMO_USERS = [
    # username, group key, (family name, given name), role shown at login
    ("admin", None, ("管理员", "演示"), "站点管理员（超级用户）"),
    ("editor", "editors", ("李", "编辑"), "责任编辑 · 初审"),
    ("expert", "experts", ("王", "审核"), "审核专家 · 科学性审核"),
    ("expert2", "experts", ("赵", "审核"), "审核专家 · 科学性审核"),
    ("expert3", "experts", ("孙", "审核"), "审核专家 · 科学性审核"),
    ("chief", "chief-editors", ("张", "总编"), "总编 · 终审"),
    ("creator", "creators", ("陈", "创作"), "创作者 · 投稿"),
]
# Fictional experts: every name and unit says so. Between them they cover every discipline.
DEMO_EXPERTS = {
    "expert": (
        "王审核（演示专家）",
        "研究员",
        "示例生态与农牧科学研究院（演示）",
        ["ecology", "agriculture", "life-science", "earth-science", "health", "astronomy"],
    ),
    "expert2": (
        "赵审核（演示专家）",
        "主任医师",
        "示例医科大学附属医院（演示）",
        ["health", "life-science", "safety", "it-ai", "energy"],
    ),
    "expert3": (
        "孙审核（演示专家）",
        "教授",
        "示例理工大学（演示）",
        ["energy", "materials", "aerospace", "it-ai", "safety", "earth-science", "astronomy", "health"],
    ),
}


def load_groups():
    groups = {}
    for key, name in GROUPS.items():
        groups[key], _ = Group.objects.get_or_create(name=name)
    admin_access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    trail = Permission.objects.filter(
        content_type__app_label="review",
        codename__in=[
            "view_reviewaction",
            "view_correctioncase",
            "change_correctioncase",
            "add_expertprofile",
            "change_expertprofile",
            "view_expertprofile",
        ],
    )
    for key in ("editors", "experts", "chief-editors"):
        groups[key].permissions.add(admin_access)
    for key in ("editors", "chief-editors"):
        groups[key].permissions.add(*trail)
    # Wagtail checks image and document rights against its own models' permissions, per
    # collection, whatever the custom image and document models are.
    media_perms = Permission.objects.filter(
        content_type__app_label__in=["wagtailimages", "wagtaildocs"],
        codename__in=[
            "add_image",
            "change_image",
            "choose_image",
            "add_document",
            "change_document",
            "choose_document",
        ],
    )
    taxonomy_perms = Permission.objects.filter(
        content_type__app_label="articles",
        codename__in=[
            f"{action}_{model}"
            for action in ("add", "change", "view")
            for model in ("discipline", "campaign")
        ]
        + ["view_region", "view_audience"],
    )
    root_collection = Collection.get_first_root_node()
    for key in ("editors", "chief-editors"):
        groups[key].permissions.add(*taxonomy_perms)
        for permission in media_perms:
            GroupCollectionPermission.objects.get_or_create(
                group=groups[key], collection=root_collection, permission=permission
            )
    return groups


def load_users(groups, created):
    User = get_user_model()
    users = {}
    for username, group_key, (last_name, first_name), _role in DEMO_USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                email=f"{username}@example.org",
                last_name=last_name,
                first_name=first_name,
                is_staff=group_key is None,
                is_superuser=group_key is None,
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            created["users"] += 1
        if group_key:
            user.groups.add(groups[group_key])
        users[username] = user
    return users


def grant_page_permissions(groups, home):
    for key, actions in {
        "editors": ("add", "change"),
        "chief-editors": ("add", "change", "publish"),
    }.items():
        for action in actions:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=f"{action}_page"
            )
            GroupPagePermission.objects.get_or_create(group=groups[key], page=home, permission=permission)


def load_experts(users):
    for username, (name, title, affiliation, codes) in DEMO_EXPERTS.items():
        profile, created = ExpertProfile.objects.get_or_create(
            user=users[username], defaults={"name": name, "title": title, "affiliation": affiliation}
        )
        if created:
            profile.disciplines.set(Discipline.objects.filter(code__in=codes))


# Pages ----------------------------------------------------------------


def load_creator_profile(user):
    """The demo creator can use the creator portal at once (a fictional, already verified account)."""
    from django.utils import timezone

    from creators.models import CreatorProfile

    CreatorProfile.objects.get_or_create(
        user=user,
        defaults={
            "real_name": "陈创作（演示）",
            "affiliation": "示例中学物理教研组（演示）",
            "terms_accepted_at": timezone.now(),
            "email_verified_at": timezone.now(),
        },
    )


def demo_logins():
    return [(username, role) for username, _group, _name, role in DEMO_USERS], DEMO_PASSWORD
