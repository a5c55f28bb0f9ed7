"""A backup restored into an empty database and an empty media folder holds every work, revision,
review opinion, audit entry and picture of the original (files byte-identical); a damaged backup
or a database with content is refused before anything changes. Runs on SQLite and, with
DATABASE_URL pointing at PostgreSQL, on PostgreSQL (pg_dump/pg_restore into a new database)."""

import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections
from django.db.utils import load_backend

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, Revision

from articles.models import ArticlePage
from backups import service
from review.models import ReviewAction, ReviewClearance, ReviewOpinion
from review.tests.conftest import build_cast
from review.tests.scenario import publish_through_review
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ALIAS = "restore_target"
COMPARED = [
    Page,
    ArticlePage,
    Revision,
    ReviewOpinion,
    ReviewAction,
    ReviewClearance,
    PageLogEntry,
    get_image_model(),
    get_document_model(),
    get_user_model(),
]


@pytest.fixture
def content(site_tree):
    """Reviewed work published through 三审 (revisions, opinions, audit entries), an illustrated work
    (pictures with files), a document."""
    cast = build_cast(site_tree)
    publish_through_review(cast, cast["work"])
    illustrated = factories.make_illustrated_work(site_tree["works"], "草原上的星空")
    factories.make_document()
    assert ReviewOpinion.objects.count() >= 2
    assert ReviewAction.objects.filter(action="publish").exists()
    assert get_image_model().objects.count() >= 2
    return {"cast": cast, "illustrated": illustrated}


@pytest.fixture
def empty_database(tmp_path):
    """A second database alias on an empty database: a new SQLite file, or a newly created
    PostgreSQL database (dropped after)."""
    if connection.vendor == "sqlite":
        name = str(tmp_path / "restored.sqlite3")
    else:
        name = f"restore_{uuid.uuid4().hex[:12]}"
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
    # A connection made here rather than declared in settings (Django's test case allows those).
    settings_dict = {**connection.settings_dict, "NAME": name}
    connections[ALIAS] = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, ALIAS)
    yield ALIAS
    connections[ALIAS].close()
    del connections[ALIAS]
    if connection.vendor != "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def rows(model, alias):
    fields = [field.attname for field in model._meta.concrete_fields]
    return list(model.objects.using(alias).order_by("pk").values_list(*fields))


@pytest.mark.parametrize("kind", ["tar", "directory"])
def test_restore_into_empty_database_and_media_folder_finds_everything(
    content, empty_database, tmp_path, kind
):
    archive = tmp_path / ("backup.tar" if kind == "tar" else "backup")
    call_command("backup", str(archive), stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert archive.is_file() if kind == "tar" else (archive / "manifest.json").is_file()

    media = tmp_path / "restored-media"
    with open("/dev/null", "w") as quiet:
        call_command("restore", str(archive), database=empty_database, media_root=str(media), stdout=quiet)

    for model in COMPARED:
        original = rows(model, "default")
        assert original, model
        assert rows(model, empty_database) == original, model.__name__
    work = content["cast"]["work"]
    restored = ArticlePage.objects.using(empty_database).get(pk=work.pk)
    assert restored.live and restored.review_credit["reviewers"]
    assert (
        ReviewOpinion.objects.using(empty_database)
        .filter(task_state__workflow_state__object_id=str(work.pk))
        .count()
        == 2
    )
    for image in get_image_model().objects.all():
        copy = media / image.file.name
        assert copy.read_bytes() == Path(settings.MEDIA_ROOT, image.file.name).read_bytes()
    for document in get_document_model().objects.all():
        assert (media / document.file.name).read_bytes() == Path(
            settings.MEDIA_ROOT, document.file.name
        ).read_bytes()


def test_restore_refuses_a_database_with_content_unless_forced(content, empty_database, tmp_path):
    archive = tmp_path / "backup.tar"
    service.backup(archive)
    media = tmp_path / "media"
    service.restore(archive, alias=empty_database, media_root=media)
    factories.UserFactory._meta.model.objects.using(empty_database).create(
        username="later", email="l@example.org"
    )
    with pytest.raises(CommandError, match=r"目标数据库已有内容.*--force"):
        service.restore(archive, alias=empty_database, media_root=tmp_path / "other-media")
    assert get_user_model().objects.using(empty_database).filter(username="later").exists()
    report = service.restore(archive, alias=empty_database, media_root=media, force=True)
    assert not get_user_model().objects.using(empty_database).filter(username="later").exists()
    assert report.counts == service.Reader(archive).manifest["counts"]


def test_a_damaged_backup_is_refused_before_anything_changes(content, empty_database, tmp_path):
    archive = tmp_path / "backup"
    manifest = service.backup(archive)
    picture = next(name for name in manifest["files"] if name.startswith("media/"))
    (archive / picture).write_bytes(b"not the picture")
    (archive / "media" / "extra.txt").write_text("slipped in")
    media = tmp_path / "media"
    with pytest.raises(CommandError) as refused:
        service.restore(archive, alias=empty_database, media_root=media)
    assert "校验和不符" in str(refused.value) and picture in str(refused.value)
    assert "清单外的文件" in str(refused.value)
    assert not media.exists()
    assert "wagtailcore_page" not in connections[empty_database].introspection.table_names()


def test_a_tar_with_a_path_outside_the_backup_is_refused(content, tmp_path):
    archive = tmp_path / "evil.tar"
    (tmp_path / "x").write_text("x")
    with tarfile.open(archive, "w") as tar:
        tar.add(tmp_path / "x", arcname="../../escaped")
    with pytest.raises(CommandError, match="不安全"):
        service.restore(archive, media_root=tmp_path / "media")


def test_backup_counts_what_it_holds(content, tmp_path):
    manifest = service.backup(tmp_path / "b.tar")
    assert manifest["counts"]["review_opinions"] == ReviewOpinion.objects.count()
    assert manifest["counts"]["audit_entries"] == ReviewAction.objects.count()
    assert manifest["counts"]["images"] == get_image_model().objects.count()
    assert manifest["media"]["included"] is True
    assert manifest["database"]["engine"] == connection.vendor


@pytest.mark.django_db(transaction=False)
def test_restore_command_exits_non_zero_with_a_clear_message(tmp_path):
    finished = subprocess.run(
        [sys.executable, "manage.py", "restore", str(tmp_path / "missing.tar")],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
        env={
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            "PATH": "/usr/bin:/bin",
            "PORTAL_VAR_DIR": str(tmp_path),
        },
    )
    assert finished.returncode == 1
    assert "找不到备份" in finished.stderr and "Backup not found" in finished.stderr
