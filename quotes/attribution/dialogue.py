"""Speech set out without quote marks: dialogue lines opened by a dash, interview answers.

French newsrooms print a dialogue as lines opened by a dash ("— Vous avez menti, lance X."),
and an interview as labelled lines ("Q : … / R : …") or as questions and answer paragraphs.
The dash or the answer opens the quote as a « would, so each such line becomes a quoted
passage and the marked-quote rules (incises, the speaker of the turn, the person the lead
introduces) attribute it. Dash lines are a dialogue only as a block with a question or an
incise in it: a bulleted list ("— Les cantines deviennent gratuites.") is the writer's, and a
dash line without a verb is a pull quote's signature ("— Barack Obama, président").
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from .context import is_finite_verb
from .cues import INCISE_PRONOUNS, UNAMBIGUOUS_REFLEXIVES
from .marks import SPACES, QuotedSpan
from .names import PERSON_LABELS
from .signatures import ABBREVIATION_BEFORE_STOP, ABBREVIATION_REACH

DIALOGUE_LANGUAGES = frozenset({"fr"})
DIALOGUE_LINE = re.compile(rf"(?m)^[{SPACES}]*([—–])[{SPACES}]+(?=\S)")
# "— Lire aussi : …", "– À lire : …": links to other articles, not turns.
LINK_LINE = re.compile(r"(?:lire aussi|à lire|a lire|voir aussi|à voir)\b", re.IGNORECASE)
QUESTION_LINE = re.compile(rf"(?m)^[{SPACES}]*(?:Q|Question)[{SPACES}]*:")
ANSWER_LINE = re.compile(rf"(?m)^[{SPACES}]*(?:R|Réponse)[{SPACES}]*:[{SPACES}]*(?=\S)")
# What ends a dialogue turn before its incise: ", lance X", "? interroge la présidente".
TURN_ENDS = frozenset({",", "?", "!", "…"})
KEPT_TURN_ENDS = frozenset({"?", "!", "…"})
# "s'étonne encore le patron": words between an incise's verb and its subject.
MAX_INCISE_SUBJECT_DISTANCE = 3
SUBJECT_POS = frozenset({"DET", "PROPN", "NOUN"})
INCISE_SENTENCE_END = re.compile(rf"[.!?…][{SPACES}]+(?=[A-ZÀ-Ý«])")
# An interview printed as paragraphs: a short question to the one interviewed ("Votre plus
# grand regret ?"), then the answer; the lead names who answers.
ASKED_PARAGRAPH = re.compile(rf"(?m)^[{SPACES}]*([^\n]{{3,200}}\?)[{SPACES}]*$")
ADDRESSED = re.compile(r"\b(?:vous|votre|vos|tu|ton|ta|tes|te)\b|-(?:vous|tu)\b|\bt['’]", re.I)
MIN_INTERVIEW_QUESTIONS = 2


def unmarked_speech(doc: Doc, lang: str, quotes: list[QuotedSpan]) -> list[QuotedSpan]:
    """The quoted passages with the dialogue lines and interview answers added, in order."""
    if lang not in DIALOGUE_LANGUAGES:
        return quotes
    added: list[QuotedSpan] = []
    for span in [*_dialogue_turns(doc), *_interview_answers(doc)]:
        if not any(_overlaps(span, other) for other in [*quotes, *added]):
            added.append(span)
    if not added:
        return quotes
    return sorted([*quotes, *added], key=lambda span: span.open_start)


def _overlaps(span: QuotedSpan, quote: QuotedSpan) -> bool:
    return span.open_start < quote.close_end and quote.open_start < span.close_end


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _dialogue_turns(doc: Doc) -> list[QuotedSpan]:
    turns = []
    for block in _dash_blocks(doc.text):
        lines = [_DashLine(doc, match) for match in block]
        if not any(line.question or line.incise is not None for line in lines):
            continue  # a bulleted list
        after_question = False
        for line in lines:
            answers = after_question and not line.question
            after_question = line.question
            if line.span is None or not (answers or line.finite):
                continue  # a signature under a pull quote ("— Donald Trump, président élu")
            end = line.incise
            if end is None:
                if line.question:
                    continue  # the interviewer's question, said by no one the text names
                end = line.end
            turns.append(QuotedSpan(line.start, end, line.dash, end, line.mark))
            rest = _after_incise_sentence(doc.text, end, line.end) if end < line.end else None
            if rest is not None:
                # "— Je n'ai pas encore décidé, répond le député. J'en parlerai d'abord …"
                turns.append(QuotedSpan(rest, line.end, rest, line.end, line.mark))
    return turns


def _dash_blocks(text: str) -> list[list[re.Match[str]]]:
    """Dash lines, grouped where only blank lines stand between them; links left out."""
    blocks: list[list[re.Match[str]]] = []
    previous_end = -1
    for match in DIALOGUE_LINE.finditer(text):
        if LINK_LINE.match(text, match.end()):
            continue
        if blocks and not text[previous_end : match.start()].strip():
            blocks[-1].append(match)
        else:
            blocks.append([match])
        previous_end = _line_end(text, match.end())
    return blocks


class _DashLine:
    """One dash line: where its words run, and whether it asks, states or has an incise."""

    def __init__(self, doc: Doc, match: re.Match[str]) -> None:
        text = doc.text
        self.dash = match.start(1)
        self.mark = match.group(1)
        self.start = match.end()
        self.end = _line_end(text, self.start)
        self.question = text[self.end - 1] == "?"
        self.span = doc.char_span(self.start, self.end, alignment_mode="expand")
        self.finite = self.span is not None and any(is_finite_verb(token) for token in self.span)
        self.incise = _incise_start(self.span) if self.span is not None else None


def _after_incise_sentence(text: str, incise: int, line_end: int) -> int | None:
    """Where the turn resumes after its incise's sentence, if it does on the same line; a stop
    after a title or an initial ("répond M. Durand") ends no sentence."""
    for stop in INCISE_SENTENCE_END.finditer(text, incise, line_end):
        reach = max(incise, stop.start() - ABBREVIATION_REACH)
        if not ABBREVIATION_BEFORE_STOP.search(text, reach, stop.start()):
            return stop.end()
    return None


def _incise_start(line: Span) -> int | None:
    """Where the turn ends before an inverted incise ("…, répond-il"), or None."""
    doc = line.doc
    for token in line[1:]:
        previous = doc[token.i - 1]
        if previous.text not in TURN_ENDS:
            continue
        verb = token
        if verb.lower_ in UNAMBIGUOUS_REFLEXIVES and verb.i + 1 < line.end:
            verb = doc[verb.i + 1]
        if verb.pos_ == "AUX" and verb.i + 1 < line.end:
            verb = doc[verb.i + 1]
        if verb.pos_ != "VERB" or not _inverted_subject_follows(line, verb.i):
            continue
        if previous.text in KEPT_TURN_ENDS:
            return previous.idx + len(previous.text)
        return previous.idx
    return None


def _inverted_subject_follows(line: Span, verb: int) -> bool:
    doc = line.doc
    for index in range(verb + 1, min(verb + 1 + MAX_INCISE_SUBJECT_DISTANCE, line.end)):
        token = doc[index]
        if token.lower_ in INCISE_PRONOUNS or token.pos_ in SUBJECT_POS:
            return True
        if token.is_punct:
            return False
    return False


def _interview_answers(doc: Doc) -> list[QuotedSpan]:
    """ "R : …" lines after "Q : …" ones, or, when a lead names a person, the paragraph after
    each question put to them when there are at least MIN_INTERVIEW_QUESTIONS of them."""
    text = doc.text
    if QUESTION_LINE.search(text) is not None:
        return [
            _quoted_line(text, match.end(), match.start(), "R")
            for match in ANSWER_LINE.finditer(text)
        ]
    questions = [
        match
        for match in ASKED_PARAGRAPH.finditer(text)
        if ADDRESSED.search(match.group(1)) and not DIALOGUE_LINE.match(match.group(0))
    ]
    if len(questions) < MIN_INTERVIEW_QUESTIONS or not any(
        entity.label_ in PERSON_LABELS and entity.end_char <= questions[0].start()
        for entity in doc.ents
    ):
        return []  # "Quand pouvez-vous partir ?": a service article's headings
    answers = []
    for question in questions:
        start = question.end()
        while start < len(text) and text[start].isspace():
            start += 1
        if (
            start >= len(text)
            or ASKED_PARAGRAPH.match(text, start) is not None
            or DIALOGUE_LINE.match(text, start) is not None
        ):
            continue
        answers.append(_quoted_line(text, start, start, "?"))
    return answers


def _quoted_line(text: str, start: int, opening: int, mark: str) -> QuotedSpan:
    end = _line_end(text, start)
    return QuotedSpan(start, end, opening, end, mark)
