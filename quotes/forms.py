"""Forms for editors' corrections; forms that change a quote or speaker carry its version."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from quotes.models import Quote, Speaker, SpeakerAlias
from quotes.selectors.editing import SpeakerMatch, speaker_autocomplete
from quotes.text import normalize_name


class VersionedForm(forms.Form):
    """The version the editor saw, for optimistic locking."""

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class SpeakerChoiceMixin(forms.Form):
    """The speaker picked from the suggestions (`speaker_id`), or typed in `speaker`.

    The editing forms send `speaker_id` (empty unless a suggestion was picked), and then
    `speaker` is always a name, so a typed "1984" is a name. A client that sends no
    `speaker_id` field at all may give an existing speaker's id as a purely numeric `speaker`.
    A name that is a known alias picks that speaker; any other creates a new one, except in
    forms that `ask_before_creating`: there the editor is asked "Did you mean …?" with the
    speakers whose names come close (`suggestions`), and a new speaker is made only when they
    press "Create new speaker" (`create_speaker`) or pick a suggestion (`suggested_speaker_id`).
    """

    ask_before_creating = False

    speaker_id = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    suggested_speaker_id = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    create_speaker = forms.BooleanField(required=False, widget=forms.HiddenInput)
    speaker = forms.CharField(
        max_length=300,
        required=False,
        help_text=_("Pick a speaker from the suggestions, or type a new name."),
    )
    new_speaker_kind = forms.ChoiceField(
        choices=Speaker.Kind.choices, initial=Speaker.Kind.PERSON, required=False, label=_("Kind")
    )
    new_speaker_description = forms.CharField(
        max_length=500, required=False, label=_("Description (for a new speaker)")
    )
    unknown_speaker = forms.BooleanField(required=False, label=_("Speaker unknown"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.name_to_confirm = ""
        self.suggestions: list[SpeakerMatch] = []

    def clean(self):
        cleaned = super().clean()
        value = (cleaned.get("speaker") or "").strip()
        cleaned["speaker_obj"] = None
        cleaned["new_speaker_name"] = ""
        picked = cleaned.get("suggested_speaker_id") or cleaned.get("speaker_id")
        # An empty field is more often a slip than a decision, so "unknown" must be ticked.
        if not value and not picked and not cleaned.get("unknown_speaker"):
            raise forms.ValidationError(
                _("Pick a speaker, type a name, or tick “Speaker unknown”.")
            )
        if picked is not None:
            cleaned["speaker_obj"] = Speaker.objects.filter(pk=picked).first()
            if cleaned["speaker_obj"] is None:
                raise forms.ValidationError(_("That speaker no longer exists; pick another."))
        elif (
            "speaker_id" not in self.data
            and value.isdigit()
            and (found := Speaker.objects.filter(pk=int(value)).first())
        ):
            cleaned["speaker_obj"] = found
        elif value and self._must_confirm_new_name(value, cleaned):
            self.name_to_confirm = value
            self.suggestions = speaker_autocomplete(value)
            raise forms.ValidationError(
                _("No speaker is called “%(name)s”."), code="unknown_name", params={"name": value}
            )
        else:
            cleaned["new_speaker_name"] = value
        cleaned["new_speaker_kind"] = cleaned.get("new_speaker_kind") or Speaker.Kind.PERSON
        return cleaned

    def _must_confirm_new_name(self, name: str, cleaned: dict) -> bool:
        """A name that no speaker has yet, in a form that asks before creating one."""
        if not self.ask_before_creating or cleaned.get("create_speaker"):
            return False
        return not SpeakerAlias.objects.filter(normalized=normalize_name(name)).exists()

    def speaker_arguments(self) -> dict:
        """Keyword arguments naming the speaker for quote_reassign and quote_add."""
        return {
            "speaker": self.cleaned_data["speaker_obj"],
            "new_speaker_name": self.cleaned_data["new_speaker_name"],
            "new_speaker_kind": self.cleaned_data["new_speaker_kind"],
            "new_speaker_description": self.cleaned_data.get("new_speaker_description", ""),
        }


class ReassignForm(SpeakerChoiceMixin, VersionedForm):
    """Reassign a quote's speaker; a name no speaker has is confirmed before it is created."""

    ask_before_creating = True


class KindForm(VersionedForm):
    """Change a quote's kind."""

    kind = forms.ChoiceField(choices=Quote.Kind.choices)


def locate_span(body: str, selected: str, near: int | None) -> tuple[int, int] | None:
    """Offsets of the selected text in body, the occurrence nearest `near` when it repeats.

    A browser selection loses the article's exact whitespace (paragraph breaks, doubled
    spaces), so any run of whitespace in the selection matches any run in the body.
    """
    words = selected.split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(re.escape(word) for word in words))
    matches = list(pattern.finditer(body))
    if not matches:
        return None
    best = min(matches, key=lambda m: abs(m.start() - near)) if near is not None else matches[0]
    return best.start(), best.end()


class SpanForm(VersionedForm):
    """A span of the article: offsets, or text selected in the page (which fills `selected`)."""

    start = forms.IntegerField(min_value=0, required=False)
    end = forms.IntegerField(min_value=1, required=False)
    selected = forms.CharField(required=False, widget=forms.HiddenInput)
    near = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, body: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.body = body

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("selected", "").strip():
            found = locate_span(self.body, cleaned["selected"], cleaned.get("near"))
            if found is None:
                raise forms.ValidationError(_("The selected text was not found in the article."))
            cleaned["start"], cleaned["end"] = found
        start, end = cleaned.get("start"), cleaned.get("end")
        if start is None or end is None:
            raise forms.ValidationError(_("Select text in the article, or give both offsets."))
        if start >= end:
            raise forms.ValidationError(_("The span must end after it starts."))
        if end > len(self.body):
            raise forms.ValidationError(
                _("The article has only %(count)s characters.") % {"count": len(self.body)}
            )
        return cleaned


class ReviewForm(VersionedForm):
    """Confirm or reject a quote."""


class RevertForm(VersionedForm):
    """Undo one recorded change."""

    history_id = forms.IntegerField(widget=forms.HiddenInput)


class AddQuoteForm(SpeakerChoiceMixin, SpanForm):
    """Add a missed quote by its offsets; a name no speaker has is confirmed before creating."""

    ask_before_creating = True
    version = None
    kind = forms.ChoiceField(choices=Quote.Kind.choices, initial=Quote.Kind.DIRECT)


class SpeakerForm(VersionedForm):
    """Rename a speaker and set its kind and description."""

    name = forms.CharField(max_length=300)
    kind = forms.ChoiceField(choices=Speaker.Kind.choices)
    description = forms.CharField(max_length=500, required=False)


class SpeakerGenderForm(VersionedForm):
    """An editor's gender for a speaker, or none to let the articles' clues decide."""

    gender = forms.ChoiceField(
        choices=[("", _("Inferred from the articles")), *Speaker.Gender.choices], required=False
    )


class AliasForm(VersionedForm):
    """Add another name for a speaker."""

    name = forms.CharField(max_length=300, label=_("New alias"))


class MergeForm(VersionedForm):
    """Merge this speaker into another: the suggestion picked (`target_id`), else by name.

    Until `confirmed` is sent, the view only shows what the merge would move.

    As for quotes, a numeric `target` is an id only when the client sends no `target_id`.
    """

    target_id = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    target = forms.CharField(max_length=300, label=_("Merge into"))
    # A merge is asked for twice: first what would move is shown, then it is confirmed.
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean_target(self) -> Speaker:
        value = self.cleaned_data["target"].strip()
        found = None
        if picked := self.cleaned_data.get("target_id"):
            found = Speaker.objects.filter(pk=picked).first()
        elif "target_id" not in self.data and value.isdigit():
            found = Speaker.objects.filter(pk=int(value)).first()
        if found is None:
            alias = SpeakerAlias.objects.select_related("speaker").filter(
                normalized=normalize_name(value)
            )
            found = alias.first().speaker if alias.exists() else None
        if found is None:
            raise forms.ValidationError(_("Pick an existing speaker from the suggestions."))
        return found


class ReviewFilterForm(forms.Form):
    """Filters of the review queue; invalid values are ignored rather than refused."""

    PAGE_SIZE = 50

    article = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    speaker = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    kind = forms.ChoiceField(choices=[("", _("All kinds")), *Quote.Kind.choices], required=False)

    def selector_arguments(self) -> dict:
        """Keyword arguments for review_queue from the valid filters."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "article_id": data.get("article") if "article" not in self.errors else None,
            "speaker_id": data.get("speaker") if "speaker" not in self.errors else None,
            "kind": data.get("kind", "") if "kind" not in self.errors else "",
        }
