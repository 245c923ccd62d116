"""A corpus of hostile inputs for `manage.py ingest`, written by code so every case is reproducible.

`write_corpus(root)` writes good articles and every nasty case we know of, and returns the paths to
give `ingest` (in order), the one-line message expected for each refused item (in the order they
are printed) and the titles of the good articles. To try it by hand:

    python tests/ingest/bad_inputs.py FOLDER && manage.py ingest $(cat FOLDER/paths.txt)
"""

from __future__ import annotations

import codecs
import json
import os
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

SUFFIXES = ".txt, .json, .jsonl, .html, .htm"
UNSUPPORTED = "is not supported (fr, en; --lang forces one)"

BEFORE = (
    "Le maire de Lyon inaugure un pont\n"
    "« Ce pont relie enfin les deux rives », a déclaré le maire de Lyon, Paul Durand, lundi.\n"
)
LATIN1 = (
    "Grève à la poste de Rennes\n"
    "« Nous ne céderons pas », a affirmé la déléguée syndicale Hélène Prévost, à Rennes.\n"
)
ENGLISH = (
    "Council approves the budget\n"
    '"This budget protects our public services," said Mary Black, the council president, on '
    "Tuesday. The opposition said it would take the decision to court.\n"
)
FEED_FRENCH = (
    "Les cheminots de Lille en grève\n"
    "« Nous voulons des trains à l'heure », a expliqué le syndicaliste Marc Lefort, mardi, "
    "devant la gare de Lille.\n"
)
AFTER = (
    "Nantes ouvre une bibliothèque\n"
    "« Les livres appartiennent à tout le monde », a lancé la maire de Nantes, Sophie Marchand, "
    "samedi matin.\n"
)
HOSTILE_HTML = """<!doctype html>
<html lang="fr"><head><title>Le Conseil vote le budget</title>
<script>document.cookie = "stolen";</script></head><body>
<nav><a href="/">Accueil</a> | <a href="/monde">Monde</a></nav>
<article><h1>Le Conseil vote le budget</h1>
<p>« Ce budget protège les services publics », a déclaré la présidente du conseil, Marie Lenoir,
mardi soir devant les élus réunis en séance plénière.</p>
<script>alert("xss")</script>
<img src="x" onerror="alert('img')"></article>
<footer>Tous droits réservés</footer></body></html>
"""
MENU_HTML = """<!doctype html><html lang="fr"><head><title>Accueil</title></head><body>
<nav><ul><li><a href="/">Accueil</a></li><li><a href="/monde">Monde</a></li>
<li><a href="/sport">Sport</a></li></ul></nav><div class="menu">menu</div></body></html>
"""
SCRIPT_ONLY_HTML = "<html><body><script>alert('Le maire a déclaré')</script></body></html>"
ARABIC = (
    "قال رئيس البلدية يوم الاثنين إن الجسر الجديد لن يكون جاهزا قبل الصيف. "
    "وانتقدت المعارضة التكاليف وطالبت بفتح تحقيق في المشروع.\n"
)
GERMAN = (
    "Der Bürgermeister von Berlin sagte am Montag, dass die neue Brücke nicht vor dem Sommer "
    "fertig sein wird. Die Opposition hat die Kosten kritisiert und verlangt eine Untersuchung.\n"
)
DEEP = "[" * 200_000


@dataclass(frozen=True)
class Refusal:
    """The line expected on stderr for one refused item: 'SOURCE: MESSAGE'."""

    source: str
    message: str
    # The exact wording comes from a library (charset detection): only its start is ours.
    prefix_only: bool = False

    def matches(self, line: str) -> bool:
        expected = f"{self.source}: {self.message}"
        return line.startswith(expected) if self.prefix_only else line == expected


@dataclass
class Corpus:
    paths: list[Path] = field(default_factory=list)
    refusals: list[Refusal] = field(default_factory=list)
    good_titles: dict[str, str] = field(default_factory=dict)  # title -> language


def _json_line(**fields: object) -> bytes:
    return json.dumps(fields, ensure_ascii=False).encode("utf-8") + b"\n"


@dataclass(frozen=True)
class Case:
    """One file of the corpus folder and what ingest must say about it (nothing when good)."""

    name: str
    content: bytes | None  # None: a named pipe
    message: str = ""
    # Refusals inside a .jsonl file: line number -> message.
    lines: dict[int, str] = field(default_factory=dict)
    prefix_only: bool = False


def _out_of_range(value: str) -> str:
    return f"published_at {value!r} is out of range (0001-01-02 to 9999-12-30 UTC)"


def _surrogate(field_name: str, code: str, position: int) -> str:
    return (
        f"{field_name} holds a lone surrogate \\{code} at character {position}, "
        "which is not a character"
    )


def _cases(max_bytes: int, max_json_bytes: int) -> list[Case]:
    rng = random.Random(7)
    after_year_9999 = "9999-12-31T23:59:59-14:00"
    before_year_one = "0001-01-01T00:00:00+14:00"
    feed = b"".join(
        [
            _json_line(title="Council approves the budget", text=ENGLISH),
            DEEP.encode() + b"\n",
            '{"title": "Octets", "text": "Le maire a déclaré « oui »."}\n'.encode("latin-1"),
            b'{"title": "Moiti\\udc00", "text": "Le maire a dit oui."}\n',
            _json_line(title="Les cheminots de Lille en grève", text=FEED_FRENCH),
            _json_line(text="Le maire a dit oui à Lyon.", published_at=before_year_one),
        ]
    )
    no_article = "no article text found in the HTML"
    return [
        Case("arabic.txt", ARABIC.encode(), f"Arabic script {UNSUPPORTED}"),
        Case(
            "binary.txt",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
            "binary data, not text",
        ),
        Case(
            "declared_german.json",
            _json_line(text=BEFORE.replace("Lyon", "Metz"), lang="de"),
            "lang 'de' is not supported (use fr, en)",
        ),
        Case("deep.json", DEEP.encode(), "JSON nested deeper than 100 levels"),
        Case(
            "endless_number.json",
            b'{"text": "Le maire a dit oui.", "views": ' + b"1" * 5000 + b"}",
            "JSON holds an integer of more than 4300 digits",
        ),
        Case("empty.txt", b"", "text is empty"),
        Case("empty_list.json", b"[]\n", "no articles in JSON list"),
        Case("empty_lines.jsonl", b"\n  \n", "no articles (the file has no JSON lines)"),
        Case(
            "feed.jsonl",
            feed,
            lines={
                2: "JSON nested deeper than 100 levels",
                3: "not UTF-8 (byte 0xe9 at byte 42); a .jsonl file must be UTF-8",
                4: _surrogate("title", "udc00", 5),
                6: _out_of_range(before_year_one),
            },
        ),
        Case("german.txt", GERMAN.encode(), f"language 'de' {UNSUPPORTED}"),
        Case("hostile.html", HOSTILE_HTML.encode()),
        Case(
            "huge.txt",
            b"Un titre\n" + b"x" * max_bytes,
            f"file is {max_bytes + 9} bytes, over the limit of {max_bytes} (INGEST_MAX_BYTES)",
        ),
        Case(
            "late.json",
            _json_line(text="Le maire a dit oui à Metz.", published_at=after_year_9999),
            _out_of_range(after_year_9999),
        ),
        Case("latin1.txt", LATIN1.encode("cp1252")),
        Case(
            "long_line.jsonl",
            b"x" * (max_json_bytes + 1),
            lines={
                1: f"line is {max_json_bytes + 1} bytes, over the limit of {max_json_bytes} "
                "for one JSON document (INGEST_JSON_MAX_BYTES)"
            },
        ),
        Case(
            "malformed.json",
            b'{"title": "Cass\xc3\xa9", "text": ',
            "not valid JSON (Expecting value at line 1)",
        ),
        Case("menu.html", MENU_HTML.encode(), no_article),
        Case(
            "noise.txt",
            bytes(rng.randrange(0x80, 0x100) for _ in range(4000)),
            "undecodable bytes",
            prefix_only=True,
        ),
        Case("pipe.txt", None, "not a regular file (named pipe)"),
        Case("script_only.html", SCRIPT_ONLY_HTML.encode(), no_article),
        Case(
            "surrogate.json",
            b'{"title": "Seul", "text": "Le maire \\ud800 a dit oui."}',
            _surrogate("text", "ud800", 9),
        ),
        Case(
            "nul.json",
            b'{"title": "Nul", "text": "Le maire \\u0000 a dit non."}',
            "text holds a NUL character (\\u0000) at character 9",
        ),
        Case(
            "utf16_broken.txt",
            codecs.BOM_UTF16_LE + b"\x00\xd8".join(["Le maire ".encode("utf-16-le")] * 2),
            "not valid UTF-16 despite its byte order mark (illegal UTF-16 surrogate)",
        ),
        Case(
            "svg_html.html",
            b"<svg><foreignObject><html lang=fr><p>" + BEFORE.encode() + b"</p>",
            "the HTML could not be parsed (AssertionError)",
        ),
        Case("text_only.html", b"Le maire", no_article),
        Case("whitespace.txt", b"   \n\t\n  ", "text is empty"),
    ]


def write_corpus(
    root: Path, *, max_bytes: int = 1_000_000, max_json_bytes: int = 20_000_000
) -> Corpus:
    """Write the corpus under root (which must exist) and say what ingesting it must print."""
    corpus = Corpus()
    before = root / "before.txt"
    before.write_text(BEFORE, encoding="utf-8")
    missing = root / "missing.txt"
    named_pipe = root / "named_pipe.jsonl"
    os.mkfifo(named_pipe)
    folder = root / "corpus"
    folder.mkdir()
    empty_inside = root / "only_a_folder"
    (empty_inside / "inner").mkdir(parents=True)
    after = root / "after.txt"
    after.write_text(AFTER, encoding="utf-8")

    corpus.paths = [before, missing, named_pipe, folder, empty_inside, after]
    corpus.refusals.append(Refusal(str(missing), "no such file or directory"))
    corpus.refusals.append(Refusal(str(named_pipe), "not a regular file (named pipe)"))
    for case in sorted(_cases(max_bytes, max_json_bytes), key=lambda case: case.name):
        path = folder / case.name
        if case.content is None:
            os.mkfifo(path)
        else:
            path.write_bytes(case.content)
        if case.message:
            corpus.refusals.append(Refusal(str(path), case.message, case.prefix_only))
        for number, message in sorted(case.lines.items()):
            corpus.refusals.append(Refusal(f"{path}:{number}", message))
    corpus.refusals.append(
        Refusal(str(empty_inside), f"no article files found (looked for {SUFFIXES})")
    )
    corpus.good_titles = {
        "Le maire de Lyon inaugure un pont": "fr",
        "Council approves the budget": "en",
        "Les cheminots de Lille en grève": "fr",
        "Le Conseil vote le budget": "fr",
        "Grève à la poste de Rennes": "fr",
        "Nantes ouvre une bibliothèque": "fr",
    }
    return corpus


if __name__ == "__main__":
    target = Path(sys.argv[1])
    target.mkdir(parents=True, exist_ok=True)
    written = write_corpus(target)
    (target / "paths.txt").write_text("\n".join(map(str, written.paths)) + "\n", encoding="utf-8")
    print(f"{len(written.refusals)} refusals and {len(written.good_titles)} good articles expected")
