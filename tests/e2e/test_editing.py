"""Editors in Chromium: reassign on the article page, review by keyboard, add a missed quote."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from quotes.management.commands.load_demo import DEMO_EDITOR
from quotes.models import Quote
from quotes.services.accounts import user_make_editor
from tests.factories import make_article, make_quote, make_speaker

pytestmark = pytest.mark.e2e

PASSWORD = "demo-pass-word-42"
BODY = (
    "« Le pont restera fermé tout l'été », a déclaré Jean Martin lundi.\n"
    "« Les travaux coûteront deux millions », a ajouté Jean Martin.\n"
    "Le préfet juge que la sécurité passe avant tout."
)


@pytest.fixture
def demo_editor():
    """The demo editor account, made the way `load_demo` makes it."""
    user_make_editor(username=DEMO_EDITOR, create=True, password=PASSWORD)
    return DEMO_EDITOR


@pytest.fixture
def scene():
    martin = make_speaker("Jean Martin", slug="jean-martin")
    dupont = make_speaker("Marie Dupont", slug="marie-dupont", aliases=("la maire",))
    article = make_article(body=BODY, title="Le pont fermé")
    first = BODY.index("Le pont")
    second = BODY.index("Les travaux")
    closed = make_quote(
        article, martin, start=first, end=BODY.index(" »"), confidence=0.4, cue="a déclaré"
    )
    cost = make_quote(article, martin, start=second, end=BODY.index(" »", second), confidence=0.3)
    return article, martin, dupont, closed, cost


def test_demo_editor_reassigns_a_quote_on_the_article_page(page: Page, site, demo_editor, scene):
    article, martin, dupont, closed, _ = scene
    site.log_in(page, demo_editor, PASSWORD)

    page.goto(site.url("article-detail", article.pk))
    tools = page.locator(f"#quote-{closed.pk}-tools")
    tools.get_by_text("Correct this quote").click()
    speaker = tools.get_by_label("Speaker", exact=True)
    # The form is fetched when the tools open: type once htmx has wired it, as a person would.
    page.wait_for_function(
        "el => el['htmx-internal-data'] !== undefined", arg=speaker.element_handle()
    )
    speaker.press_sequentially("dupo")
    # The autocomplete fills the datalist with speakers matching, accents and case aside.
    option = page.locator(f"#speaker-options-{closed.pk} option")
    expect(option).to_have_count(1)
    speaker.fill(option.get_attribute("value"))
    tools.get_by_role("button", name="Reassign").click()

    expect(page.locator(f"#quote-{closed.pk}-tools .tools-speaker")).to_have_text("Marie Dupont")
    expect(page.locator(f"#quote-{closed.pk}-tools")).to_contain_text("Corrected")

    page.goto(site.url("speaker-detail", dupont.slug))
    expect(page.locator("main")).to_contain_text("Le pont restera fermé tout l'été")
    page.goto(site.url("speaker-detail", martin.slug))
    expect(page.locator("main")).to_contain_text("Les travaux coûteront deux millions")
    expect(page.locator("main")).not_to_contain_text("Le pont restera fermé")


def test_review_queue_keyboard_confirms_and_rejects(page: Page, site, demo_editor, scene):
    _, _, _, closed, cost = scene
    site.log_in(page, demo_editor, PASSWORD)
    page.goto(site.url("review"))
    expect(page.locator(".shortcuts")).to_contain_text("confirm")
    expect(page.locator("#review-count")).to_contain_text("2 quotes left")

    # Least confident first: the cost quote, then the closed-bridge quote.
    page.keyboard.press("j")
    page.keyboard.press("r")
    expect(page.locator(f"#quote-{cost.pk}-tools")).to_contain_text("Rejected")
    page.keyboard.press("c")
    expect(page.locator(f"#quote-{closed.pk}-tools")).to_contain_text("Confirmed")
    expect(page.locator("#review-count")).to_contain_text("0 quotes left")

    assert Quote.objects.get(pk=cost.pk).review_status == "rejected"
    assert Quote.objects.get(pk=closed.pk).review_status == "confirmed"


def test_review_queue_fetches_an_items_forms_when_it_is_opened(
    page: Page, site, demo_editor, scene
):
    _, _, dupont, closed, cost = scene
    site.log_in(page, demo_editor, PASSWORD)
    page.goto(site.url("review"))
    expect(page.locator("form[action$='/attribution/']")).to_have_count(0)

    # "e" opens the current item and, once its forms came, puts the caret in the speaker field.
    page.keyboard.press("j")
    page.keyboard.press("e")
    speaker = page.locator(f"#speaker-{cost.pk}")
    expect(speaker).to_be_focused()
    speaker.fill("Marie Dupont")
    page.locator(f"#quote-{cost.pk}-reassign").click()
    expect(page.locator(f"#quote-{cost.pk}-tools .tools-speaker")).to_have_text("Marie Dupont")
    assert Quote.objects.get(pk=cost.pk).speaker == dupont

    page.locator(f"#quote-{closed.pk}-edit").click()
    expect(page.locator(f"#kind-{closed.pk}")).to_be_visible()


def test_editor_adds_a_missed_quote_by_selecting_text(page: Page, site, demo_editor, scene):
    article, *_ = scene
    missed = "la sécurité passe avant tout"
    site.log_in(page, demo_editor, PASSWORD)
    page.goto(site.url("quote-add", article.pk))

    page.evaluate(
        """(words) => {
            const body = document.querySelector("[data-article-body]");
            const node = body.firstChild;
            const start = node.textContent.indexOf(words);
            const range = document.createRange();
            range.setStart(node, start);
            range.setEnd(node, start + words.length);
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
        }""",
        missed,
    )
    page.get_by_role("button", name="Use the text selected in the article").click()
    expect(page.locator(".selection-preview")).to_contain_text(missed)
    page.get_by_label("Kind", exact=True).select_option("indirect")
    page.get_by_label("Speaker", exact=True).fill("Le préfet")
    page.get_by_role("button", name="Add quote").click()
    # No speaker has that name: a new one is made only on the editor's explicit choice.
    expect(page.locator("#add-quote-form")).to_contain_text("Did you mean …?")
    assert not Quote.objects.filter(origin="editor").exists()
    page.get_by_role("button", name="Create new speaker “Le préfet”").click()

    expect(page.locator("#add-quote-form")).to_contain_text("Quote added")
    added = Quote.objects.get(origin="editor")
    assert (added.text, added.kind, added.speaker.name) == (missed, "indirect", "Le préfet")


def test_editor_merges_a_speaker_from_its_page(page: Page, site, demo_editor, scene):
    _, martin, dupont, *_ = scene
    site.log_in(page, demo_editor, PASSWORD)
    page.goto(site.url("speaker-detail", martin.slug))

    tools = page.locator(f"#speaker-{martin.pk}-tools")
    tools.get_by_text("Edit this speaker").click()
    target = tools.get_by_label(re.compile("^Merge Jean Martin into"))
    target.press_sequentially("la mai")
    option = page.locator(f"#merge-options-{martin.pk} option")
    expect(option).to_have_count(1)
    target.fill(option.get_attribute("value"))
    tools.get_by_role("button", name="Merge…").click()

    # Nothing moves until the editor confirms what the merge will do.
    confirm = tools.get_by_role("button", name="Merge into Marie Dupont")
    expect(confirm).to_be_focused()
    expect(tools.locator(".confirm-merge")).to_contain_text("2 quotes and the name “Jean Martin”")
    assert page.url == site.url("speaker-detail", martin.slug)
    confirm.click()

    page.wait_for_url(site.url("speaker-detail", dupont.slug))
    expect(page.locator("main")).to_contain_text("Le pont restera fermé tout l'été")
    expect(page.locator("main")).to_contain_text("Les travaux coûteront deux millions")
    page.goto(site.url("speaker-detail", martin.slug))
    assert page.url == site.url("speaker-detail", dupont.slug)

    # Undone from the survivor's history: Jean Martin and his quotes are back.
    page.locator(f"#speaker-{dupont.pk}-tools").get_by_text("History and revert").click()
    page.get_by_role("button", name="Undo this merge").click()
    page.wait_for_url(site.url("speaker-detail", martin.slug))
    expect(page.locator(".messages")).to_contain_text("the merge was undone, Jean Martin is back")
    expect(page.locator("main")).to_contain_text("Les travaux coûteront deux millions")


def test_editor_renames_a_speaker_and_the_page_shows_it(page: Page, site, demo_editor, scene):
    _, martin, *_ = scene
    site.log_in(page, demo_editor, PASSWORD)
    page.goto(site.url("speaker-detail", martin.slug))

    tools = page.locator(f"#speaker-{martin.pk}-tools")
    tools.get_by_text("Edit this speaker").click()
    tools.get_by_label("Name", exact=True).fill("Jean-Pierre Martin")
    tools.get_by_label("Description").fill("adjoint au maire")
    tools.get_by_role("button", name="Save speaker").click()

    expect(page.locator("h1")).to_contain_text("Jean-Pierre Martin")
    expect(page.locator("main")).to_contain_text("adjoint au maire")


def test_editor_fixes_a_span_by_selecting_words_on_the_article_page(
    page: Page, site, demo_editor, scene
):
    article, _, _, closed, _ = scene
    wanted = "Le pont restera fermé"
    site.log_in(page, demo_editor, PASSWORD)
    page.goto(site.url("article-detail", article.pk))

    tools = page.locator(f"#quote-{closed.pk}-tools")
    tools.get_by_text("Correct this quote").click()
    # Select the words inside the highlighted quote, as a mouse drag would.
    page.evaluate(
        """([id, words]) => {
            const mark = document.getElementById("quote-" + id);
            const walker = document.createTreeWalker(mark, NodeFilter.SHOW_TEXT);
            const node = walker.nextNode();
            const start = node.textContent.indexOf(words);
            const range = document.createRange();
            range.setStart(node, start);
            range.setEnd(node, start + words.length);
            window.getSelection().removeAllRanges();
            window.getSelection().addRange(range);
        }""",
        [closed.pk, wanted],
    )
    tools.get_by_role("button", name="Use the text selected in the article").click()
    expect(tools.locator(".selection-preview")).to_contain_text(wanted)
    tools.get_by_role("button", name="Save span").click()

    expect(page.locator(f"#quote-{closed.pk}-tools")).to_contain_text("Corrected")
    closed.refresh_from_db()
    assert closed.text == wanted
    assert BODY[closed.start : closed.end] == wanted
