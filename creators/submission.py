"""Saving what a creator submitted, in one place: a checked WorkSubmission becomes a revision of the
work (held uploads turned into library pictures and videos, the body, credit and classification),
and, when the creator asks, the work goes to 三审 or back into it after a send-back.

No request here: the view handles HTTP (files kept, form checked, messages, redirect) and calls
`save_submission`; tests call it directly.
"""

import html
import uuid

from django.db import transaction

from wagtail.models import Locale

from articles.models import ArticleIndexPage, ArticlePage
from creators import uploads
from creators.forms.work import video_link_paragraph
from creators.models import PendingUpload


def save_submission(submission, creator, latest=None, *, send_to_review=False, workflow_state=None):
    """Save `submission` (valid) as a new revision and return the work.

    `latest` is an existing work's latest revision as a page, as Wagtail's own editor edits it, so
    what the form does not show (tags …) is kept; None makes a new draft work. With
    `send_to_review`, the open `workflow_state` (sent back) resumes, or a new review starts.

    All or nothing: when anything fails (the disk full at the second picture …) the rows roll back,
    the library files already written are removed and the error is raised on; the creator's held
    uploads stay held for the next try.
    """
    library = uploads.LibraryIntake(creator)
    try:
        with transaction.atomic():
            return _save(submission, creator, latest, library, send_to_review, workflow_state)
    except BaseException:
        library.remove_written()
        raise


def _save(submission, creator, latest, library, send_to_review, workflow_state):
    data, media = submission.text.cleaned_data, submission.media.cleaned_data
    profile = creator.creator_profile
    work = latest if latest is not None else _new_work(creator, data)
    work.title, work.summary, work.form = data["title"], data["summary"], data["form"]
    work.creator_name, work.creator_affiliation = profile.real_name, profile.affiliation
    if cover := submission.media.held_cover:
        work.cover_image = library.image(
            cover, title=data["title"], alt=media["cover_alt"], source=profile.real_name
        )
    figures = _pictures(submission, library, data["title"], profile.real_name)
    video = _video(media["video"], library, data["title"], profile.real_name, work.cover_image)
    references = {"type": "references", "value": {"items": data["references"]}}
    work.body = [*submission.body(figures, video), references]
    work.disciplines.set(data["disciplines"])
    work.audiences.set(data["audiences"])
    work.regions.set(data["regions"])
    revision = work.save_revision(user=creator)
    if data.get("conflicts"):
        revision.content["declared_conflicts"] = data["conflicts"]
        revision.save(update_fields=["content"])
    if send_to_review:
        if workflow_state is not None:
            workflow_state.resume(user=creator)
        else:
            work.get_workflow().start(work, creator)
    return work


def _new_work(creator, data):
    parent = ArticleIndexPage.objects.filter(locale=Locale.get_default()).first()
    work = ArticlePage(slug=f"work-{uuid.uuid4().hex[:12]}", live=False, owner=creator)
    work.title, work.summary, work.body, work.creator_name = data["title"], data["summary"], [], ""
    parent.add_child(instance=work)
    return ArticlePage.objects.get(pk=work.pk)


def _pictures(submission, library, title, source):
    """Image block values by picture number, pending uploads turned into library images."""
    figures = {}
    for number, row in submission.images.pictures():
        image, alt = row.held, row.cleaned_data["alt"].strip()
        if isinstance(image, PendingUpload):
            image = library.image(image, title=f"{title} 图{number}", alt=alt, source=source)
        elif image.description != alt:
            # The alt text lives on the image, as everywhere in Wagtail; a shared one is copied.
            image = library.relabelled(image, alt)
        figures[number] = {"image": image.pk, "caption": row.cleaned_data["caption"], "source": ""}
    return figures


def _video(video, library, title, source, poster):
    if video is None:
        return []
    if video["url"]:
        return [video_link_paragraph(video["url"], video["caption"], video["transcript"])]
    document = video["held"]
    if isinstance(document, PendingUpload):
        document = library.document(document, title=video["caption"] or title, source=source)
    value = {
        "video": document.pk,
        "poster": poster.pk if poster else None,
        "caption": video["caption"],
        "transcript": video["transcript"],
    }
    return [{"type": "video", "value": value}]


def media_in(latest):
    """Ids of the pictures and videos already in the work (the creator may keep them even when
    someone else uploaded them)."""
    if latest is None:
        return {}
    return {
        "known_images": {
            b.value["image"].pk for b in latest.body if b.block_type == "image" and b.value["image"]
        },
        "known_documents": {
            b.value["video"].pk for b in latest.body if b.block_type == "video" and b.value["video"]
        },
    }


def form_values(latest):
    """The submission form filled in from the work's latest revision (the reverse of saving)."""
    parts, references, images, media = [], [], [], {}
    for block in latest.body:
        if block.block_type == "heading":
            parts.append(f"<h2>{html.escape(block.value['text'])}</h2>")
        elif block.block_type == "paragraph":
            parts.append(block.value.source)
        elif block.block_type == "quote":
            parts.append(f"<blockquote>{html.escape(block.value['text'])}</blockquote>")
        elif block.block_type == "image" and block.value["image"]:
            image = block.value["image"]
            images.append({"image": image.pk, "alt": image.description, "caption": block.value["caption"]})
            parts.append(f"[图{len(images)}]")
        elif block.block_type == "video" and block.value["video"] and not media:
            media = {
                "video_document": block.value["video"].pk,
                "video_caption": block.value["caption"],
                "video_transcript": block.value["transcript"].source,
            }
            parts.append("[视频]")
        elif block.block_type == "references":
            for item in block.value["items"]:
                fields = [item["title"], item["publisher"], str(item["year"] or ""), item["url"] or ""]
                references.append(" | ".join(fields).rstrip(" |"))
    text = {
        "title": latest.title,
        "summary": latest.summary,
        "form": latest.form,
        "body": "\n".join(parts),
        "disciplines": list(latest.disciplines.all()),
        "audiences": list(latest.audiences.all()),
        "regions": list(latest.regions.all()),
        "references": "\n".join(references),
    }
    return {"text": text, "media": media, "images": images}
