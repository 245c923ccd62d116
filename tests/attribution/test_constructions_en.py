"""English constructions, one realistic sentence each (written for these tests)."""

from __future__ import annotations

import pytest

from .conftest import find_quote

CONSTRUCTIONS = [
    (
        "Police said two people were arrested near the stadium.",
        "two people were arrested",
        "indirect",
        "Police",
    ),
    (
        "According to a senior official who spoke on condition of anonymity, the talks stalled.",
        "the talks stalled",
        "indirect",
        "official",
    ),
    (
        '"We will not back down," said Maria Lopez, the mayor of Springfield.',
        "We will not back down",
        "direct",
        "Maria Lopez",
    ),
    (
        '"The bridge will reopen in May," Governor Tom Reed told reporters on Monday.',
        "The bridge will reopen in May",
        "direct",
        "Tom Reed",
    ),
    (
        "The company said that its profits had fallen by a third in the last quarter.",
        "its profits had fallen by a third",
        "indirect",
        "company",
    ),
    (
        "According to the World Health Organization, the outbreak is now under control.",
        "the outbreak is now under control",
        "indirect",
        "World Health Organization",
    ),
    (
        'Senator Jane Hill said the plan was "a disaster for working families" in her speech.',
        "a disaster for working families",
        None,
        "Jane Hill",
    ),
    (
        # A hyphenated word the tokenizer split stays whole in the speaker's name.
        "The Facebook co-founder said that the company would pay the fine.",
        "the company would pay the fine",
        "indirect",
        "Facebook co-founder",
    ),
    (
        'The senator wrote on his Facebook page "We will never give up on the workers of this '
        'state," hours after the vote.',
        "We will never give up",
        "direct",
        "senator",
    ),
]


@pytest.mark.parametrize(("article", "fragment", "kind", "speaker"), CONSTRUCTIONS)
def test_english_construction(extract_en, article, fragment, kind, speaker):
    found = find_quote(extract_en(article), fragment)
    if kind is not None:
        assert found.kind == kind
    assert speaker in (found.speaker or "")


def test_he_said_resolves_to_the_person_introduced_before(extract_en):
    article = (
        "Coach Peter Banks watched the match from the stands. "
        '"We played well in the first half," he said.'
    )
    found = find_quote(extract_en(article), "We played well")
    assert found.speaker == "Peter Banks"
    assert found.speaker_mention == "he"


def test_single_quotes_inside_double_quotes_stay_in_the_outer_quote(extract_en):
    article = "\"She called it 'a betrayal' and left the room,\" said the lawyer, Ann Cole."
    found = extract_en(article)
    assert len([item for item in found if item.kind == "direct"]) == 1
    assert "'a betrayal'" in found[0].text


def test_apostrophes_do_not_open_quotes(extract_en):
    article = "The players' union didn't comment on the club's decision on Friday."
    assert extract_en(article) == []


def test_signed_pull_quote_is_attributed_to_its_signature(extract_en):
    article = (
        "The agency closed the program last year.\n\n"
        "This was a very difficult decision, but one that was made with the public in mind. "
        "Charles Bolden, NASA Administrator\n\nThe museum will open in May."
    )
    found = find_quote(extract_en(article), "This was a very difficult decision")
    assert found.kind == "direct"
    assert found.speaker == "Charles Bolden"


def test_a_pull_quote_signed_by_a_name_read_as_places_is_kept(extract_en):
    article = (
        "Her lawyer filed the complaint in May.\n\n"
        "I was told to cut all contact with my brother because he was a threat to the group. "
        "Saskia Paris\n\nHer family later spoke to reporters."
    )
    found = find_quote(extract_en(article), "I was told to cut all contact")
    assert found.kind == "direct"
    assert found.speaker == "Saskia Paris"


def test_a_quote_running_over_paragraphs_without_reopening_marks_is_one_direct_passage(
    extract_en,
):
    article = (
        'The coach said, "We learned a lot today.\n\n'
        'It was an emotional day for the whole team." The players left.'
    )
    found = extract_en(article)
    assert [item.kind for item in found] == ["direct"] * 3
    passage = find_quote(found, "We learned a lot today.\n\nIt was an emotional day")
    assert passage.speaker == "The coach"
    # Each paragraph is given again as a piece of its own (the GUM convention); the services
    # store the passage only.
    pieces = sorted(item.text for item in found if item is not passage)
    assert pieces == ["It was an emotional day for the whole team.", "We learned a lot today."]


def test_a_transcript_turn_names_its_speaker(extract_en):
    article = 'Partial transcript:\n\n"WALLACE: Let us start with the debate tonight.\n\n'
    article += '"PENCE: We are ready for it, and we will win."'
    found = extract_en(article)
    first = find_quote(found, "Let us start")
    second = find_quote(found, "We are ready")
    assert (first.speaker, second.speaker) == ("WALLACE", "PENCE")
    assert not first.text.startswith("WALLACE")


def test_an_unmarked_paragraph_after_a_colon_is_a_block_quote(extract_en):
    article = (
        "In a statement to the paper, the company denied the allegations:\n\n"
        "The workers were never forced to stay. They were paid every week. "
        "The union also claimed that the contracts were illegal."
    )
    found = find_quote(extract_en(article), "The workers were never forced to stay.")
    assert found.kind == "direct"
    assert "company" in found.speaker
    assert "union" not in found.text


def test_she_does_not_refer_to_an_organisation(extract_en):
    article = (
        "Karen Wells joined the Federal Reserve in 2004. The Federal Reserve raised its rates "
        "on Tuesday. She said the decision had been expected for months."
    )
    found = find_quote(extract_en(article), "the decision had been expected")
    assert found.speaker == "Karen Wells"


def test_a_quote_signed_after_a_dash_names_its_speaker(extract_en):
    article = (
        "Readers sent us their reactions.\n"
        "“During the debate he said we live in hell. He knows nothing of our lives.”― Maria Lopez\n"
        "“How did we get this low? I cannot believe it.” ― Jack Ashley\n"
        "The survey closed on Monday."
    )
    found = extract_en(article)
    assert find_quote(found, "During the debate").speaker == "Maria Lopez"
    assert find_quote(found, "How did we get this low").speaker == "Jack Ashley"


def test_they_refers_to_a_plural_group_named_before(extract_en):
    article = (
        "The investigators questioned the driver for ten hours. They said the brakes had "
        "been tampered with."
    )
    found = find_quote(extract_en(article), "the brakes had been tampered with")
    assert found.speaker == "The investigators"


def test_a_short_unattributed_term_in_marks_is_not_a_quote(extract_en):
    article = (
        'The robotics team won a silver medal for a "remarkable effort" at the fair in Ohio. '
        "The girls flew home on Sunday."
    )
    assert [item.text for item in extract_en(article)] == []


def test_a_fragment_woven_into_the_sentence_is_one_quote_and_each_full_sentence_another(
    extract_en,
):
    article = (
        'The minister said the bill would "give every family a fair chance. It is the work '
        'of ten years and we are proud of it," before leaving the chamber.'
    )
    found = [item for item in extract_en(article) if item.kind == "direct"]
    assert [item.text for item in found] == [
        "give every family a fair chance.",
        "It is the work of ten years and we are proud of it",
    ]
    assert all(item.speaker == "The minister" for item in found)


def test_a_passage_opened_by_a_full_sentence_stays_one_quote(extract_en):
    article = (
        'Mayor Linda Park said "We will rebuild the bridge. The money is already there" '
        "at the opening of the fair."
    )
    found = [item for item in extract_en(article) if item.kind == "direct"]
    assert [item.text for item in found] == [
        "We will rebuild the bridge. The money is already there"
    ]


def test_a_woven_fragment_is_cut_after_two_spaces_too(extract_en):
    article = (
        'The minister said the bill would "give every family a fair chance.  It is the work '
        'of ten years," before leaving the chamber.'
    )
    found = [item.text for item in extract_en(article) if item.kind == "direct"]
    assert found == [
        "give every family a fair chance.",
        "It is the work of ten years",
    ]


def test_a_quoted_fragment_is_given_once(extract_en):
    article = 'The coach said the result was "fair. ... " she said.'
    found = [(item.start, item.end) for item in extract_en(article) if item.kind == "direct"]
    assert len(found) == len(set(found))


def test_two_apostrophes_are_a_double_quote_mark(extract_en):
    article = (
        "Ruth Baker, a tax lawyer, praised the plan. ''You would expect the banks to complain, "
        "but I have not heard a word,'' said Mr. Halloran, who advises the committee."
    )
    found = find_quote(extract_en(article), "You would expect the banks")
    assert found.kind == "direct"
    assert found.text == "You would expect the banks to complain, but I have not heard a word"
    assert found.speaker == "Halloran"


def test_markup_attribute_values_are_not_quotes(extract_en):
    article = (
        'Senator Ann Cole answered questions for an hour. "The banks must pay," she said.\n\n'
        '<tweet author="jsmith" tweet-id="4410982271">The blue line is the senator.</tweet>.\n\n'
        "Lawmakers will vote on Friday."
    )
    found = [item.text for item in extract_en(article) if item.kind == "direct"]
    assert found == ["The banks must pay"]


def test_a_stop_after_a_title_or_an_initial_starts_no_signature_line(extract_en):
    articles = [
        "The protest comes a day before the senator faces off against Ohio Gov. Mark Dillon "
        "in the only debate.",
        "Budget talks resumed on Tuesday and echo the plans of Harold T. Bremmer and Ann Lacey.",
    ]
    for article in articles:
        assert [item.text for item in extract_en(article) if item.kind == "direct"] == []


def test_a_show_or_song_title_in_marks_is_not_a_quote(extract_en):
    article = (
        'Heading into the debate, Senator Ruth Baker told NBC\'s "Morning Call" that nobody '
        "doubted her record.\n\n"
        'Ms. Hale closed with the anthem "A Change Is Gonna Come," and the crowd cheered.'
    )
    found = extract_en(article)
    assert [item.text for item in found if item.kind == "direct"] == []
    content = find_quote(found, "nobody doubted her record")
    assert content.kind == "indirect"
    assert content.speaker == "Ruth Baker"


def test_a_heading_line_in_marks_is_not_a_quote(extract_en):
    article = (
        '"I don\'t know what his plans are," said Peter Moss, a lawyer.\n\n'
        "'Legend in the Hills.'\n\n"
        "The mine closed in May."
    )
    found = [item.text for item in extract_en(article) if item.kind == "direct"]
    assert found == ["I don't know what his plans are"]


@pytest.mark.parametrize(
    ("article", "speaker"),
    [
        (
            "The talks ended late.\n"
            '"We are in a difficult place," Angela Moss told reporters after the long meeting.',
            "Angela Moss",
        ),
        (
            "The talks ended late.\n"
            '"Look, the whole thing is rigged," Tom Briggs told Sam Carter of Channel Nine '
            "this week.",
            "Tom Briggs",
        ),
        (
            "Lawmakers argued for hours.\n"
            '"It is a warning to every voter," Rep. Jane Moore (D-Wis.) said Friday.',
            "Jane Moore",
        ),
        (
            "Lawmakers argued for hours.\n"
            '"Our view is that the veto will fail," Senator Mitch Lane, R-Ky., said Tuesday.',
            "Mitch Lane",
        ),
    ],
)
def test_a_named_speaker_after_the_quote_keeps_it_despite_an_aside_or_a_long_tail(
    extract_en, article, speaker
):
    found = [item for item in extract_en(article) if item.kind == "direct"]
    assert len(found) == 1
    assert found[0].speaker == speaker


def test_a_dateline_is_neither_speaker_nor_content(extract_en):
    first = find_quote(
        extract_en("LONDON (Reuters) - Prime Minister Ann Lowe said the vote would be in May."),
        "the vote would be in May",
    )
    assert first.speaker_mention == "Prime Minister Ann Lowe"
    second = find_quote(
        extract_en("WASHINGTON (AP) — The Senate passed the bill on Friday, officials said."),
        "The Senate passed the bill",
    )
    assert second.text == "The Senate passed the bill on Friday"
    assert second.speaker == "officials"


def test_a_transcript_aside_and_a_follow_line_are_not_quotes(extract_en):
    article = (
        "Partial transcript:\n\n"
        '"HOST: Will the senator be there on Monday?\n\n'
        '"(CROSSTALK.)\n\n'
        '"LANE: She will not be there, and that is final.\n\n'
        '"Follow Jane Roe on Twitter @janeroe."'
    )
    found = [item.text for item in extract_en(article) if item.kind == "direct"]
    assert found == [
        "Will the senator be there on Monday?",
        "She will not be there, and that is final.",
    ]


@pytest.mark.parametrize(
    "article",
    [
        "A tweet from Ann Lowe said the ruling was a disgrace for the state.",
        "Ann Lowe's statement said the ruling was a disgrace for the state.",
    ],
)
def test_the_author_of_a_statement_or_tweet_is_the_speaker(extract_en, article):
    found = find_quote(extract_en(article), "the ruling was a disgrace")
    assert found.speaker == "Ann Lowe"


def test_a_past_verb_coordinated_after_the_content_is_the_reporters_own(extract_en):
    found = find_quote(
        extract_en("Senator Ruth Baker said the bill was dead and left the room."),
        "the bill was dead",
    )
    assert found.text == "the bill was dead"
    assert found.speaker == "Ruth Baker"
    both = find_quote(
        extract_en("The mayor said the bridge was closed and the ferry was running."),
        "the bridge was closed",
    )
    assert both.text == "the bridge was closed and the ferry was running"


def test_a_show_named_after_on_or_a_broadcast_of_is_not_a_quote(extract_en):
    article = '"The bill is dead," Senator Ruth Baker said on "Meet the Voters."'
    found = [item.text for item in extract_en(article) if item.kind == "direct"]
    assert found == ["The bill is dead"]
    article = 'On this week\'s broadcast of "Fox Sunday Live," the governor said the bill was dead.'
    found = extract_en(article)
    assert [item.text for item in found if item.kind == "direct"] == []
    assert find_quote(found, "the bill was dead").speaker == "the governor"


def test_the_subject_speaks_in_a_statement_it_issues(extract_en):
    article = (
        "In a statement announcing the pick, the Association of Flight Attendants called Clinton "
        'a "champion" for its members, citing her work after the Sept. 11 attacks.'
    )
    found = find_quote(extract_en(article), "champion")
    assert found.speaker == "the Association of Flight Attendants"


def test_a_term_in_marks_inside_the_writers_noun_phrase_is_not_a_quote(extract_en):
    article = (
        "Mayor Ann Hale said the plan would cut traffic in the old town. The council also "
        'backed a "green corridor" along the river and a separate "parking fund." Her rivals '
        'mocked the "fresh start" slogan and sold "miracle" diet pills on television.'
    )
    found = extract_en(article)
    assert [item.text for item in found if item.kind == "direct"] == []
    assert find_quote(found, "the plan would cut traffic").speaker == "Ann Hale"


def test_a_name_given_by_a_naming_verb_is_not_a_quote(extract_en):
    article = (
        "Coach Lena Ortiz said the team had worked all summer. The students built the machine "
        'in three weeks and named their robot "Rover One." Fans dubbed the arena "the Nest."'
    )
    found = extract_en(article)
    assert [item.text for item in found if item.kind == "direct"] == []
    assert find_quote(found, "the team had worked all summer").speaker == "Lena Ortiz"


def test_a_second_report_joined_by_but_or_and_is_not_part_of_the_first(extract_en):
    article = (
        "Officials said the flight was delayed by fog, but airline spokesman Tom Reed says the "
        "crew ran out of hours. Police said two men were arrested, and the mayor said the "
        "streets were calm again."
    )
    found = extract_en(article)
    assert [(item.text, item.speaker) for item in found] == [
        ("the flight was delayed by fog", "Officials"),
        ("the crew ran out of hours", "Tom Reed"),
        ("two men were arrested", "Police"),
        ("the streets were calm again", "the mayor"),
    ]


def test_a_quoted_verdict_on_an_object_stays_a_quote(extract_en):
    article = (
        "The court ruled on Friday. Party chairman David Pepper called the decision "
        'a "huge win for Ohio voters."'
    )
    found = find_quote(extract_en(article), "huge win for Ohio voters")
    assert found.speaker == "David Pepper"


def test_a_named_incise_after_the_quote_takes_an_adjunct_clause(extract_en):
    article = (
        "Chancellor Eva Lind said the summit had gone well.\n\n"
        '"We did not agree on anything that matters," Prime Minister Paolo Greco said after '
        "the meeting broke up."
    )
    found = find_quote(extract_en(article), "We did not agree on anything")
    assert found.speaker == "Paolo Greco"


def test_a_named_incise_after_a_quote_of_several_sentences_names_its_speaker(extract_en):
    article = (
        "The mayor endorsed him on Monday.\n\n"
        '"She would be a fine judge. Not good, great. One of the sharpest minds in the state," '
        "Rep. Tom A. Field (D-Ore.) said in an interview."
    )
    found = find_quote(extract_en(article), "She would be a fine judge")
    assert found.speaker == "Tom A. Field"


def test_a_capitalised_title_before_a_name_is_not_the_speakers_name(extract_en):
    article = 'Prime Minister Paolo Greco said the vote was close. "We will win," he added.'
    found = extract_en(article)
    assert {item.speaker for item in found} == {"Paolo Greco"}


def test_content_in_a_fronted_clause_ends_with_that_clause(extract_en):
    article = (
        "When the senator noted that the mayor had paid no tax for years, the mayor shrugged, "
        "\u201cThat makes me clever.\u201d After the judge said the ruling was final, the crowd "
        "left the square and went home."
    )
    found = extract_en(article)
    assert (
        find_quote(found, "the mayor had paid no tax").text == "the mayor had paid no tax for years"
    )
    assert find_quote(found, "That makes me clever").speaker == "the mayor"
    assert find_quote(found, "the ruling was final").text == "the ruling was final"


def test_the_description_after_an_inverted_speaker_is_not_content(extract_en):
    article = (
        '"The old bridge is no longer safe," said Jo Marten, a retired engineer who works '
        "for the county.\n\nThe first repairs could start this week, said Ben Ruiz, a longtime "
        "adviser to the mayor who oversees the works."
    )
    found = extract_en(article)
    assert [(item.text, item.speaker) for item in found] == [
        ("The old bridge is no longer safe", "Jo Marten"),
        ("The first repairs could start this week", "Ben Ruiz"),
    ]


def test_a_name_after_said_that_opens_the_reported_clause_is_not_the_speaker(extract_en):
    article = (
        "Derek Hall, who served as ambassador to Chile until this year, said Ruth Baker reached "
        "out to the senator during her first year."
    )
    found = find_quote(extract_en(article), "Ruth Baker reached out to the senator")
    assert found.speaker == "Derek Hall"


def test_markup_glued_to_a_name_is_not_part_of_the_speaker(extract_en):
    article = (
        '<tweet author="factdesk" tweet-date="The claim is accurate.">Sanders said that for '
        "young workers, \u201cthe real jobless rate is 51 percent.\u201d His numbers check "
        "out<tweet/>."
    )
    found = find_quote(extract_en(article), "the real jobless rate is 51 percent")
    assert found.speaker == "Sanders"


def test_a_quote_in_its_own_sentence_goes_to_that_sentences_named_subject(extract_en):
    article = (
        "Obama said there is a danger. In an August speech, Trump attacked \u201cthe hateful "
        "ideology of radical Islam and its oppression of women.\u201d"
    )
    found = find_quote(extract_en(article), "the hateful ideology of radical Islam")
    assert found.speaker == "Trump"


@pytest.mark.parametrize(
    ("article", "speaker"),
    [
        ("Clinton spokesman Jesse Lehrich said the claim was false.", "Jesse Lehrich"),
        ("The lawyer for Ann Lowe said the claim was false.", "The lawyer for Ann Lowe"),
        ("A spokesman for Ann Lowe said the claim was false.", "spokesman for Ann Lowe"),
    ],
)
def test_a_spokesman_or_lawyer_is_not_the_person_they_speak_for(extract_en, article, speaker):
    assert find_quote(extract_en(article), "the claim was false").speaker == speaker


def test_a_name_that_is_also_a_month_still_speaks(extract_en):
    article = "Theresa May said on Friday that the claim was false."
    assert find_quote(extract_en(article), "the claim was false").speaker == "Theresa May"
