"""Speech set out without quote marks: dialogue lines opened by a dash, interview answers.

French newsrooms print a dialogue as lines opened by a dash ("— Vous avez menti, lance X."),
and an interview as labelled lines ("Q : … / R : …"). The dash or the answer label opens the
quote as a « would, so each such line becomes a quoted passage and the marked-quote rules
(incises, the speaker of the turn, the person the lead introduces) attribute it. A dash line
without a verb is a pull quote's signature ("— Barack Obama, président"), not speech.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from .context import is_finite_verb
from .cues import INCISE_PRONOUNS
from .marks import QuotedSpan

DIALOGUE_LANGUAGES = frozenset({"fr"})
DIALOGUE_LINE = re.compile(r"(?m)^[ \t\u00a0]*([—–])[ \t\u00a0]+(?=\S)")
QUESTION_LINE = re.compile(r"(?m)^[ \t\u00a0]*(?:Q|Question)[ \t\u00a0]*:")
ANSWER_LINE = re.compile(r"(?m)^[ \t\u00a0]*(?:R|Réponse)[ \t\u00a0]*:[ \t\u00a0]*(?=\S)")
# What ends a dialogue turn before its incise: ", lance X", "? interroge la présidente".
TURN_ENDS = frozenset({",", "?", "!", "…"})
KEPT_TURN_ENDS = frozenset({"?", "!", "…"})
REFLEXIVE_PRONOUNS = frozenset({"s'", "s’", "se"})
# "s'étonne encore le patron": words between an incise's verb and its subject.
MAX_INCISE_SUBJECT_DISTANCE = 3
SUBJECT_POS = frozenset({"DET", "PROPN", "NOUN"})
INCISE_SENTENCE_END = re.compile(r"[.!?…][ \t\u00a0]+(?=[A-ZÀ-Ý«])")
# An interview printed as paragraphs: a short question to the one interviewed ("Votre plus
# grand regret ?"), then the answer.
ASKED_PARAGRAPH = re.compile(r"(?m)^[ \t\u00a0]*([^\n]{3,200}\?)[ \t\u00a0]*$")
ADDRESSED = re.compile(r"\b(?:vous|votre|vos|tu|ton|ta|tes|te)\b|-(?:vous|tu)\b|\bt['’]", re.I)
MIN_INTERVIEW_QUESTIONS = 2


def unmarked_speech(doc: Doc, lang: str, quotes: list[QuotedSpan]) -> list[QuotedSpan]:
    """The quoted passages with the dialogue lines and interview answers added, in order."""
    if lang not in DIALOGUE_LANGUAGES:
        return quotes
    text = doc.text
    found = [*_dialogue_turns(doc, text), *_interview_answers(text)]
    added = [span for span in found if not any(_overlaps(span, quote) for quote in quotes)]
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


def _dialogue_turns(doc: Doc, text: str) -> list[QuotedSpan]:
    turns = []
    after_question = False
    for match in DIALOGUE_LINE.finditer(text):
        start = match.end()
        line_end = _line_end(text, start)
        line = doc.char_span(start, line_end, alignment_mode="expand")
        question = text[line_end - 1] == "?"
        answers = after_question and not question
        after_question = question
        if line is None or not (answers or any(is_finite_verb(token) for token in line)):
            continue  # a signature under a pull quote ("— Donald Trump, président élu")
        end = _incise_start(line)
        if end is None:
            if question:
                continue  # the interviewer's question, said by no one the text names
            end = line_end
        turns.append(QuotedSpan(start, end, match.start(1), end, match.group(1)))
        rest = _after_incise_sentence(text, end, line_end)
        if rest is not None:
            # "— Je n'ai pas encore décidé, répond le député. J'en parlerai d'abord …"
            turns.append(QuotedSpan(rest, line_end, rest, line_end, match.group(1)))
    return turns


def _after_incise_sentence(text: str, incise: int, line_end: int) -> int | None:
    """Where the turn resumes after its incise's sentence, if it does on the same line."""
    stop = INCISE_SENTENCE_END.search(text, incise, line_end)
    return stop.end() if stop is not None else None


def _incise_start(line: Span) -> int | None:
    """Where the turn ends before an inverted incise ("…, répond-il"), or None."""
    doc = line.doc
    for token in line[1:]:
        previous = doc[token.i - 1]
        if previous.text not in TURN_ENDS:
            continue
        verb = token
        if verb.lower_ in REFLEXIVE_PRONOUNS and verb.i + 1 < line.end:
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


def _interview_answers(text: str) -> list[QuotedSpan]:
    """ "R : …" lines after "Q : …" ones, or the paragraph after each question put to the one
    interviewed when there are at least MIN_INTERVIEW_QUESTIONS of them."""
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
    if len(questions) < MIN_INTERVIEW_QUESTIONS:
        return []
    answers = []
    for question in questions:
        start = question.end()
        while start < len(text) and text[start].isspace():
            start += 1
        if start >= len(text) or ASKED_PARAGRAPH.match(text, start) is not None:
            continue
        answers.append(_quoted_line(text, start, start, "?"))
    return answers


def _quoted_line(text: str, start: int, opening: int, mark: str) -> QuotedSpan:
    end = _line_end(text, start)
    return QuotedSpan(start, end, opening, end, mark)
