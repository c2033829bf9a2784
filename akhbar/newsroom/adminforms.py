"""Admin edit forms that write in the content's direction, not the admin's.

An editor whose admin is in English still types Urdu stories, so every text field of a
page in a right-to-left locale is marked `dir="rtl" lang="ur"` from the page's locale.
Rich text and StreamField blocks are drawn in the browser, so the fields also carry
`data-content-lang`/`data-content-dir`, which `newsroom/admin/content-direction.js` reads
to mark those editors too (see wagtail_hooks.py).
"""

from __future__ import annotations

from django import forms
from django.forms.widgets import DateTimeBaseInput
from wagtail.admin.forms import WagtailAdminPageForm

RTL_LANGUAGES = frozenset({"ur", "ar", "fa", "ps", "sd", "ug", "ckb", "he", "yi", "dv"})


def content_language(form: WagtailAdminPageForm) -> str:
    """The language of the page being edited or created (its locale, else its parent's)."""
    instance = getattr(form, "instance", None)
    locale_id = getattr(instance, "locale_id", None)
    if locale_id:
        return instance.locale.language_code
    parent = getattr(form, "parent_page", None)
    if parent is not None and parent.locale_id:
        return parent.locale.language_code
    return ""


def direction(language: str) -> str:
    """'rtl' for right-to-left languages (by primary subtag), else 'ltr'."""
    return "rtl" if language.split("-")[0].lower() in RTL_LANGUAGES else "ltr"


class ContentDirectionFormMixin:
    """Marks text inputs and text areas with the content's language and direction."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language = content_language(self)
        if not language:
            return
        attrs = {
            "lang": language,
            "dir": direction(language),
            "data-content-lang": language,
            "data-content-dir": direction(language),
        }
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.TextInput | forms.Textarea) and not isinstance(
                widget, DateTimeBaseInput
            ):
                widget.attrs.update(attrs)


class NewsroomPageForm(ContentDirectionFormMixin, WagtailAdminPageForm):
    """The edit form for editions and sections."""
