"""Every picture carries alt text: the model's validation and the database both refuse a blank or
spaces-only description, whichever path stores the picture (admin, creators' uploads, scripts)."""

import io

import pytest
from PIL import Image

from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.db import IntegrityError, transaction

from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db


def picture(description):
    buffer = io.BytesIO()
    Image.new("RGB", (16, 12), (90, 140, 80)).save(buffer, format="PNG")
    return get_image_model()(
        title="草场", description=description, source="测试", file=ImageFile(buffer, name="g.png")
    )


@pytest.mark.parametrize("description", ["", "   ", "\u3000", "\n\t"])
def test_validation_refuses_a_picture_without_alt_text(description):
    with pytest.raises(ValidationError) as refused:
        picture(description).full_clean()
    assert "description" in refused.value.message_dict


@pytest.mark.parametrize("description", ["", "   "])
def test_the_database_refuses_a_picture_without_alt_text(description):
    with pytest.raises(IntegrityError), transaction.atomic():
        picture(description).save()
    assert not get_image_model().objects.exists()


def test_a_picture_with_alt_text_is_stored_and_renders_it():
    image = picture("围栏内恢复的草场")
    image.full_clean()
    image.save()
    assert image.get_rendition("max-100x100").img_tag().count('alt="围栏内恢复的草场"') == 1
