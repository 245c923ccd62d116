"""Articles, speakers, their aliases, quotes and topics, and the batches articles arrive in."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Language(models.TextChoices):
    FRENCH = "fr", _("French")
    ENGLISH = "en", _("English")


class Article(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    title = models.CharField(max_length=500)
    body = models.TextField(help_text="The exact text that quote offsets refer to.")
    url = models.URLField(max_length=2000, null=True, blank=True, unique=True)
    outlet = models.CharField(max_length=200, blank=True)
    byline = models.CharField(max_length=300, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=8, choices=Language.choices)
    content_hash = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    error = models.TextField(blank=True)
    # A pending article whose last change is older than ATTRIBUTION_STALE_AFTER was abandoned
    # (a crash, a killed worker, a dropped connection): reattribute --stale runs it again.
    status_changed_at = models.DateTimeField(
        default=timezone.now,
        help_text="When the status last changed or an attribution attempt began.",
    )
    attempts = models.PositiveIntegerField(default=0, help_text="Attribution runs started.")
    # Stored so the article list sorts and filters without counting a million quotes; kept
    # exact by quotes.services.counts, which every writer of quotes calls.
    quote_count = models.PositiveIntegerField(default=0, help_text="Public (not rejected) quotes.")
    unreviewed_count = models.PositiveIntegerField(
        default=0, help_text="Quotes no editor has reviewed yet."
    )
    topics = models.ManyToManyField("Topic", blank=True, related_name="articles")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["-published_at", "-id"], name="article_published_idx"),
            models.Index(fields=["status"], name="article_status_idx"),
            models.Index(fields=["-quote_count", "-id"], name="article_count_idx"),
            models.Index(fields=["outlet"], name="article_outlet_idx"),
            # article_newest_idx (PostgreSQL) and article_unreviewed_idx, newest first and
            # undated last, are made by migration 0008: SQLite accepts no NULLS LAST in an index.
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(body=""), name="article_body_not_empty"),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "done", "failed"]), name="article_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("article-detail", args=[self.pk])

    @property
    def web_url(self) -> str:
        """The source address when it is a web page (http or https), else empty: safe to link."""
        url = (self.url or "").strip()
        scheme, _, rest = url.partition(":")
        return url if scheme.lower() in ("http", "https") and rest.startswith("//") else ""


class IngestBatch(models.Model):
    """Articles stored or re-attributed together; their progress is read from their statuses."""

    created_at = models.DateTimeField(auto_now_add=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ingest_batches",
        help_text="Empty for a batch started from the command line.",
    )
    source = models.CharField(max_length=500, help_text="What started the batch, in words.")
    # Many-to-many: an article re-attributed later belongs to that batch too.
    articles = models.ManyToManyField(Article, blank=True, related_name="batches")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "ingest batches"

    def __str__(self) -> str:
        return f"batch {self.pk}: {self.source}"

    def get_absolute_url(self) -> str:
        return reverse("batch-detail", args=[self.pk])


class Speaker(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        ORGANISATION = "organisation", _("Organisation")
        ANONYMOUS = "anonymous", _("Anonymous source")
        OTHER = "other", _("Other")

    class Gender(models.TextChoices):
        WOMAN = "woman", _("Woman")
        MAN = "man", _("Man")
        UNKNOWN = "unknown", _("Unknown")
        NOT_PERSON = "not_person", _("Not a person")

    class GenderSource(models.TextChoices):
        INFERRED = "inferred", _("Inferred from the articles")
        EDITOR = "editor", _("Set by an editor")

    name = models.CharField(_("name"), max_length=300)
    slug = models.SlugField(max_length=320, unique=True, allow_unicode=False)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PERSON)
    description = models.CharField(_("description"), max_length=500, blank=True)
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_speakers",
        verbose_name=_("merged into"),
    )
    version = models.PositiveIntegerField(default=1)
    # Stored so the speaker list sorts without counting a million quotes; kept exact by
    # quotes.services.counts, which every writer of quotes calls.
    quote_count = models.PositiveIntegerField(default=0, help_text="Public (not rejected) quotes.")
    latest_quote_at = models.DateTimeField(
        null=True, blank=True, help_text="Date of the newest public quote."
    )
    gender = models.CharField(max_length=16, choices=Gender.choices, default=Gender.UNKNOWN)
    # Inference never overwrites an editor's choice (quotes.services.gender).
    gender_source = models.CharField(
        max_length=16, choices=GenderSource.choices, default=GenderSource.INFERRED
    )
    gender_evidence = models.JSONField(
        default=list, blank=True, help_text="The clues read in the articles, for people to check."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(
        excluded_fields=["quote_count", "latest_quote_at", "gender_evidence"]
    )

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["kind", "name"], name="speaker_kind_name_idx"),
            models.Index(fields=["-quote_count", "name", "id"], name="speaker_count_idx"),
            models.Index(fields=["name", "id"], name="speaker_name_idx"),
            # speaker_latest_idx (newest first, undated last) is made by migration 0005:
            # SQLite accepts no NULLS LAST in an index, so each database gets its own.
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="speaker_name_not_empty"),
            models.CheckConstraint(
                condition=Q(gender__in=["woman", "man", "unknown", "not_person"]),
                name="speaker_gender_valid",
            ),
            models.CheckConstraint(
                condition=~Q(merged_into=F("id")), name="speaker_not_merged_into_itself"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("speaker-detail", args=[self.slug])


class SpeakerAlias(models.Model):
    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=300)
    normalized = models.CharField(max_length=300, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "speaker aliases"
        constraints = [
            models.CheckConstraint(condition=~Q(normalized=""), name="alias_normalized_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name


class Topic(models.Model):
    label = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    normalized = models.CharField(max_length=200, unique=True)
    # Public quotes linked to the topic, kept exact by quotes.services.counts.
    quote_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["label"]
        indexes = [models.Index(fields=["-quote_count", "label", "id"], name="topic_count_idx")]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("topic-detail", args=[self.slug])


class QuoteGroup(models.Model):
    """One quote reported in several articles: the same speaker's same words, give or take a cut.

    Its members are the quotes pointing at it; quotes.services.grouping alone writes them.
    """

    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"quote group {self.pk}"


class Quote(models.Model):
    class Kind(models.TextChoices):
        DIRECT = "direct", _("Direct")
        INDIRECT = "indirect", _("Indirect")
        MIXED = "mixed", _("Mixed")

    class Origin(models.TextChoices):
        MACHINE = "machine", _("Machine")
        EDITOR = "editor", _("Editor")

    class Review(models.TextChoices):
        UNREVIEWED = "unreviewed", _("Unreviewed")
        CONFIRMED = "confirmed", _("Confirmed")
        CORRECTED = "corrected", _("Corrected")
        REJECTED = "rejected", _("Rejected")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="quotes")
    speaker = models.ForeignKey(
        Speaker,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="quotes",
        verbose_name=_("speaker"),
    )
    text = models.TextField(_("text"))
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    cue = models.CharField(max_length=100, blank=True)
    cue_start = models.PositiveIntegerField(null=True, blank=True)
    cue_end = models.PositiveIntegerField(null=True, blank=True)
    speaker_mention = models.CharField(max_length=300, blank=True)
    speaker_start = models.PositiveIntegerField(null=True, blank=True)
    speaker_end = models.PositiveIntegerField(null=True, blank=True)
    confidence = models.FloatField(default=0.5)
    origin = models.CharField(max_length=16, choices=Origin.choices, default=Origin.MACHINE)
    review_status = models.CharField(
        _("review status"), max_length=16, choices=Review.choices, default=Review.UNREVIEWED
    )
    # Copied from the article so a speaker's quotes sort by date on one index.
    published_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    topics = models.ManyToManyField(Topic, blank=True, related_name="quotes")
    # The same words reported elsewhere; derived data, recomputed by group_quotes, not audited.
    group = models.ForeignKey(
        QuoteGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(
        excluded_fields=["published_at", "created_at", "updated_at", "group"]
    )

    class Meta:
        ordering = ["article", "start"]
        indexes = [
            models.Index(fields=["speaker", "-published_at", "-id"], name="quote_speaker_date_idx"),
            models.Index(fields=["article", "start"], name="quote_article_start_idx"),
            models.Index(fields=["review_status", "confidence"], name="quote_review_idx"),
            models.Index(fields=["-published_at", "-id"], name="quote_date_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(start__gte=0), name="quote_start_not_negative"),
            models.CheckConstraint(condition=Q(start__lt=F("end")), name="quote_start_before_end"),
            models.CheckConstraint(
                condition=Q(confidence__gte=0) & Q(confidence__lte=1),
                name="quote_confidence_in_unit_range",
            ),
            models.CheckConstraint(
                condition=Q(cue_start__isnull=True) | Q(cue_start__lt=F("cue_end")),
                name="quote_cue_span_ordered",
            ),
            models.CheckConstraint(
                condition=Q(speaker_start__isnull=True) | Q(speaker_start__lt=F("speaker_end")),
                name="quote_speaker_span_ordered",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["direct", "indirect", "mixed"]), name="quote_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return reverse("quote-detail", args=[self.pk])

    @property
    def is_human_work(self) -> bool:
        """True when an editor touched the quote, so re-extraction must leave it alone."""
        return self.origin == self.Origin.EDITOR or self.review_status != self.Review.UNREVIEWED


# What readers see: every quote but rejected ones. The list form is for conditions through a
# relation (topics__quotes__...), where a negated condition would exclude the whole parent.
PUBLIC_QUOTES = ~Q(review_status=Quote.Review.REJECTED)
PUBLIC_REVIEW_STATUSES = [status for status in Quote.Review.values if status != "rejected"]


class ApiToken(models.Model):
    """An editor's key to the read API; only its SHA-256 is stored, the key is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, blank=True, help_text="What the token is for.")
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The key's first characters, so that a token can be recognised without storing the key.
    prefix = models.CharField(max_length=12, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"


class SpeakerMerge(models.Model):
    """One merge of a speaker into another: what moved, so an editor can undo it."""

    source = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="merges_away")
    target = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="merges_in")
    # The target's history record of the merge ("Absorbed …"): its history offers the undo.
    target_history_id = models.PositiveIntegerField(unique=True)
    quote_ids = models.JSONField(default=list, help_text="Quotes moved from source to target.")
    alias_ids = models.JSONField(default=list, help_text="Aliases moved from source to target.")
    redirected_ids = models.JSONField(
        default=list, help_text="Speakers merged into source earlier, re-pointed to target."
    )
    moved_clues = models.JSONField(
        default=list, help_text="Gender clues the target took from the source."
    )
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    merged_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-merged_at", "-id"]

    def __str__(self) -> str:
        return f"{self.source} → {self.target}"


class SpeakerInsightCount(models.Model):
    """One speaker's public quotes in one group of /insights/ (all, an outlet, a month, a topic).

    Stored so that a change recounts only the speakers it touched (quotes.services.insights):
    the page's people counts are distinct speakers, which cannot be added up from group totals
    alone. The gender is the speaker's when the row was written, so the totals it went into
    can be taken back out. No foreign keys: rows outlive a deleted speaker or topic until
    their recount removes them.
    """

    speaker_id = models.IntegerField(db_index=True)
    gender = models.CharField(max_length=16)
    dimension = models.CharField(max_length=8)
    outlet = models.CharField(max_length=200, blank=True)
    month = models.DateTimeField(null=True)
    topic_id = models.IntegerField(null=True)
    quotes = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"speaker {self.speaker_id}, {self.dimension}: {self.quotes} quotes"


class InsightCount(models.Model):
    """People quoted and their public quotes, by gender, in one group of /insights/.

    The sums of SpeakerInsightCount, kept by adding each recount's difference; key is the
    outlet, the month as YYYY-MM, the topic id, or "" (all articles, no outlet, undated).
    """

    dimension = models.CharField(max_length=8)
    key = models.CharField(max_length=200)
    gender = models.CharField(max_length=16)
    people = models.IntegerField(default=0)
    quotes = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["dimension", "key", "gender"], name="insight_count_group_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dimension} {self.key!r} {self.gender}: {self.people} people"
