"""manage.py build_synthetic: a newsroom-sized database for benchmarks, from real sentences.

Articles are random draws of sentences from the demo corpora (French and English Wikinews, CC BY,
and the seed article); each quote is one sentence of its article, at its real offsets, so the
invariant body[start:end] == text holds. Topics come from our extractor run on the source texts.
Speakers follow a long-tail distribution: a few are quoted thousands of times. PostgreSQL is
filled with COPY; SQLite with batched inserts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils.text import slugify

from quotes.attribution import get_nlp
from quotes.attribution.gender import first_name_gender
from quotes.models import Article, Quote, Speaker, SpeakerAlias, Topic
from quotes.services.counts import counts_rebuild
from quotes.services.search_index import search_index_rebuild
from quotes.text import fold, normalize_name
from quotes.topics.extract import extract_topics

CORPORA = ("demo/wikinews_fr_2012.jsonl", "demo/wikinews_en.jsonl")
SEED = "tests/fixtures/seed_reuters_fr.txt"
OUTLETS = (
    "Reuters", "AFP", "Le Monde", "Le Figaro", "Libération", "Ouest-France", "La Croix",
    "BBC News", "The Guardian", "Associated Press", "Wikinews", "Le Temps",
)  # fmt: skip
FIRST_NAMES = (
    "Marie", "Jean", "Pierre", "Sophie", "Michel", "Nathalie", "Philippe", "Isabelle", "Alain",
    "Catherine", "Nicolas", "Sylvie", "François", "Anne", "Laurent", "Christine", "Olivier",
    "Valérie", "Thomas", "Julie", "Éric", "Claire", "David", "Sarah", "John", "Mary", "James",
    "Elizabeth", "Robert", "Patricia", "Michael", "Jennifer", "William", "Linda", "Richard",
    "Barbara", "Joseph", "Susan", "Daniel", "Karen", "Ahmed", "Fatima", "Yuki", "Wei", "Olga",
    "Ivan", "Ana", "Carlos", "Lucía", "Giulia", "Marco", "Ingrid", "Lars", "Aïcha", "Mamadou",
    "Hélène", "Benoît", "Zoé", "Chloé", "Léa",
)  # fmt: skip
ORG_PREFIXES = ("Fondation", "Institut", "Groupe", "Parti", "Association", "Ministère")
SENTENCE = re.compile(r"[^.!?…\n]{30,380}[.!?…»”]?")
KINDS = (("direct", 0.55), ("indirect", 0.35), ("mixed", 0.10))
REVIEWS = (("unreviewed", 0.90), ("confirmed", 0.05), ("corrected", 0.03), ("rejected", 0.02))
SPEAKER_KINDS = (("person", 0.80), ("organisation", 0.15), ("anonymous", 0.05))
FIRST_DAY = dt.datetime(2014, 1, 1, tzinfo=dt.UTC)
DAYS = 4700
CHUNK = 20_000


@dataclass
class Pool:
    """Sentences of one language, with the topic ids each sentence mentions."""

    sentences: list[str] = field(default_factory=list)
    topics: list[tuple[int, ...]] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)


def _pick(rng: random.Random, weighted) -> str:
    roll, total = rng.random(), 0.0
    for value, weight in weighted:
        total += weight
        if roll < total:
            return value
    return weighted[-1][0]


class Command(BaseCommand):
    help = "Fill an empty database with synthetic articles, speakers and quotes for benchmarks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quotes", type=int, default=1_000_000)
        parser.add_argument("--speakers", type=int, default=50_000)
        parser.add_argument("--articles", type=int, default=200_000)
        parser.add_argument("--seed", type=int, default=2012, help="random seed")
        parser.add_argument(
            "--sources", type=int, default=None, help="use only the first N source texts"
        )

    def handle(self, *args, **options) -> None:
        quotes, speakers, articles = options["quotes"], options["speakers"], options["articles"]
        if min(quotes, speakers, articles) < 1 or quotes < articles:
            raise CommandError("Need at least one of each, and at least one quote per article.")
        if quotes > articles * 5:
            raise CommandError("At most five quotes per article: raise --articles.")
        if Article.objects.exists() or Speaker.objects.exists() or Topic.objects.exists():
            raise CommandError("The database already has data: use an empty database.")
        rng = random.Random(options["seed"])
        started = time.perf_counter()
        pools = self._pools(options["sources"])
        self._log(started, f"{sum(len(p.sentences) for p in pools.values())} sentences")
        writer = _Writer(connection.vendor)
        with transaction.atomic():
            self._speakers(writer, speakers, rng)
            self._log(started, f"{speakers} speakers")
            self._articles_and_quotes(writer, pools, rng, articles, quotes, speakers)
            self._log(started, f"{articles} articles, {quotes} quotes")
            writer.reset_sequences()
            search_index_rebuild()
            self._log(started, "search index")
            # Statistics first: without them the planner counted each topic's quotes by reading
            # the whole quotes table (over 20 minutes at a million quotes without finishing).
            writer.analyze()
            counts_rebuild()
            self._log(started, "speaker and topic counts")
        writer.analyze()
        self._log(started, "done")

    def _log(self, started: float, message: str) -> None:
        self.stdout.write(f"[{time.perf_counter() - started:7.1f} s] {message}")

    def _pools(self, limit: int | None) -> dict[str, Pool]:
        """Sentences per language from the corpora; topics found once per source text."""
        base = Path(settings.BASE_DIR)
        texts: list[tuple[str, str]] = []
        for name in CORPORA:
            for line in (base / name).read_text(encoding="utf-8").splitlines():
                record = json.loads(line)
                texts.append(
                    (record.get("lang") or ("en" if "_en" in name else "fr"), record["text"])
                )
        texts.insert(0, ("fr", (base / SEED).read_text(encoding="utf-8")))
        # Keep both languages when limited: the seed and English texts come first.
        texts.sort(key=lambda item: item[0] != "en")
        texts = texts[:limit]
        pools = {"fr": Pool(), "en": Pool()}
        topic_ids: dict[str, int] = {}
        slugs: set[str] = set()
        topic_rows = []
        for lang, text in texts:
            candidates = extract_topics(text, lang, nlp=get_nlp(lang), limit=None)[:25]
            pool = pools[lang]
            pool.titles.append(text.strip().splitlines()[0][:200])
            for match in SENTENCE.finditer(text):
                sentence = match.group().strip()
                if len(sentence) < 30:
                    continue
                start = match.start() + match.group().index(sentence)
                end = start + len(sentence)
                mentioned = []
                for candidate in candidates:
                    if candidate.occurs_within(start, end):
                        if candidate.key not in topic_ids:
                            slug = slugify(fold(candidate.label))[:200] or "topic"
                            while slug in slugs:
                                slug += "-x"
                            slugs.add(slug)
                            topic_ids[candidate.key] = len(topic_ids) + 1
                            topic_rows.append(
                                (
                                    topic_ids[candidate.key],
                                    candidate.label[:200],
                                    slug,
                                    candidate.key,
                                    0,
                                )
                            )
                        mentioned.append(topic_ids[candidate.key])
                pool.sentences.append(sentence)
                pool.topics.append(tuple(mentioned[:3]))
        _Writer(connection.vendor).copy(
            Topic._meta.db_table,
            ["id", "label", "slug", "normalized", "quote_count"],
            iter(topic_rows),
        )
        return pools

    def _speakers(self, writer: _Writer, count: int, rng: random.Random) -> None:
        surnames = sorted(
            {normalize_name(n).title() for n in _SURNAME_TEXT.split() if normalize_name(n)}
        )
        now = dt.datetime.now(dt.UTC)
        speakers, aliases = [], []
        # By column name: a column added to Speaker must be given a value here, not shift others.
        speaker_columns = [f.column for f in Speaker._meta.concrete_fields]
        per_round = len(FIRST_NAMES) * len(surnames)
        for i in range(count):
            kind = _pick(rng, SPEAKER_KINDS)
            first = FIRST_NAMES[i % len(FIRST_NAMES)]
            last = surnames[(i // len(FIRST_NAMES)) % len(surnames)]
            if i >= per_round:
                last = f"{last}-{surnames[(i // per_round) % len(surnames)]}"
            if kind == "organisation":
                name = f"{ORG_PREFIXES[i % len(ORG_PREFIXES)]} {first} {last}"
            elif kind == "anonymous":
                name = f"Source proche de {first} {last}"
            else:
                name = f"{first} {last}"
            slug = f"{slugify(fold(name))}-{i + 1}"
            if kind == "organisation":
                gender = "not_person"
            else:
                gender = (kind == "person" and first_name_gender(name)) or "unknown"
            row = {
                "id": i + 1,
                "name": name,
                "slug": slug,
                "kind": kind,
                "description": "",
                "merged_into_id": None,
                "version": 1,
                # Filled by counts_rebuild once the quotes are in.
                "quote_count": 0,
                "latest_quote_at": None,
                "gender": gender,
                "gender_source": "inferred",
                "gender_evidence": "[]",
                "created_at": now,
                "updated_at": now,
            }
            speakers.append(tuple(row[column] for column in speaker_columns))
            aliases.append((i + 1, i + 1, name, normalize_name(name)))
        writer.copy(Speaker._meta.db_table, speaker_columns, iter(speakers))
        alias_columns = ["id", "speaker_id", "name", "normalized"]
        writer.copy(SpeakerAlias._meta.db_table, alias_columns, iter(aliases))

    def _articles_and_quotes(self, writer, pools, rng, articles, quotes, speakers) -> None:
        """Articles first (COPY takes one table at a time), then their quotes and topics."""
        plans: list[tuple[str, tuple[int, ...], int, dt.datetime]] = []
        base, extra = divmod(quotes, articles)
        now = dt.datetime.now(dt.UTC)

        def article_rows() -> Iterator[tuple]:
            for i in range(articles):
                lang = "en" if rng.random() < 0.15 else "fr"
                pool = pools[lang]
                n_quotes = base + (1 if i < extra else 0)
                picks = tuple(rng.sample(range(len(pool.sentences)), max(n_quotes, 6)))
                body = " ".join(pool.sentences[s] for s in picks)
                published = FIRST_DAY + dt.timedelta(days=rng.random() * DAYS)
                plans.append((lang, picks[:n_quotes], i + 1, published))
                row = {
                    "id": i + 1,
                    "title": rng.choice(pool.titles),
                    "body": body,
                    "url": None,
                    "outlet": rng.choice(OUTLETS),
                    "byline": "",
                    "published_at": published,
                    "language": lang,
                    "content_hash": hashlib.sha256(f"synthetic {i} {body}".encode()).hexdigest(),
                    "status": "done",
                    "error": "",
                    "status_changed_at": now,
                    "attempts": 1,
                    # Filled by counts_rebuild once the quotes are in.
                    "quote_count": 0,
                    "unreviewed_count": 0,
                    "created_at": now,
                    "updated_at": now,
                }
                yield tuple(row[column] for column in article_columns)

        # Rows by column name, so a field added to Article fails here by name, not by position.
        article_columns = [f.column for f in Article._meta.concrete_fields]
        writer.copy(Article._meta.db_table, article_columns, article_rows())
        quote_topics: list[tuple[int, int, int]] = []
        article_topics: list[tuple[int, int, int]] = []

        def quote_rows() -> Iterator[tuple]:
            quote_id = 0
            for lang, picks, article_id, published in plans:
                pool = pools[lang]
                offset, seen = 0, set()
                for sentence_index in picks:
                    sentence = pool.sentences[sentence_index]
                    quote_id += 1
                    # Cubing a uniform draw skews towards the first speakers: a long tail.
                    speaker = int(speakers * rng.random() ** 3) + 1
                    row = {
                        "id": quote_id, "article_id": article_id, "speaker_id": speaker,
                        "text": sentence, "start": offset, "end": offset + len(sentence),
                        "kind": _pick(rng, KINDS), "cue": "", "cue_start": None, "cue_end": None,
                        "speaker_mention": "", "speaker_start": None, "speaker_end": None,
                        "confidence": round(rng.uniform(0.4, 1.0), 2), "origin": "machine",
                        "review_status": _pick(rng, REVIEWS), "published_at": published,
                        "group_id": None, "version": 1, "created_at": now, "updated_at": now,
                    }  # fmt: skip
                    yield tuple(row[column] for column in quote_columns)
                    for topic_id in pool.topics[sentence_index]:
                        quote_topics.append((len(quote_topics) + 1, quote_id, topic_id))
                        if topic_id not in seen:
                            seen.add(topic_id)
                            article_topics.append((len(article_topics) + 1, article_id, topic_id))
                    offset += len(sentence) + 1

        quote_columns = [f.column for f in Quote._meta.concrete_fields]
        writer.copy(Quote._meta.db_table, quote_columns, quote_rows())
        writer.copy("quotes_quote_topics", ["id", "quote_id", "topic_id"], iter(quote_topics))
        writer.copy("quotes_article_topics", ["id", "article_id", "topic_id"], iter(article_topics))


class _Writer:
    """Bulk rows into a table: COPY on PostgreSQL, batched executemany elsewhere."""

    def __init__(self, vendor: str) -> None:
        self.vendor = vendor

    def copy(self, table: str, columns: list[str], rows: Iterator[tuple]) -> None:
        quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                return
            marks = ", ".join(["%s"] * len(columns))
            sql = f"INSERT INTO {table} ({quoted}) VALUES ({marks})"
            batch = []
            for row in rows:
                batch.append(tuple(self._adapt(v) for v in row))
                if len(batch) >= CHUNK:
                    cursor.executemany(sql, batch)
                    batch.clear()
            if batch:
                cursor.executemany(sql, batch)

    @staticmethod
    def _adapt(value):
        if isinstance(value, dt.datetime):
            return connection.ops.adapt_datetimefield_value(value)
        return value

    def reset_sequences(self) -> None:
        models = [Article, Speaker, SpeakerAlias, Topic, Quote]
        through = [Quote.topics.through, Article.topics.through]
        statements = connection.ops.sequence_reset_sql(no_style(), [*models, *through])
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)

    def analyze(self) -> None:
        """Fresh statistics; on PostgreSQL also the visibility map that index-only scans need."""
        with connection.cursor() as cursor:
            # VACUUM cannot run in a transaction (as when a test calls the command).
            vacuum = self.vendor == "postgresql" and not connection.in_atomic_block
            cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")


# Common surnames of many countries, one space between each.
_SURNAME_TEXT = """
Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefebvre
Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard Andre Lefevre Mercier Dupont
Lambert Bonnet Francois Martinez Legrand Garnier Faure Rousseau Blanc Guerin Muller Henry Roussel
Nicolas Perrin Morin Mathieu Clement Gauthier Dumont Lopez Fontaine Chevalier Robin Masson
Sanchez Gerard Nguyen Boyer Denis Lemaire Duval Joly Gautier Roger Roche Roy Noel Meyer Lucas
Meunier Jean Perez Marchand Dufour Blanchard Marie Barbier Brun Dumas Brunet Schmitt Leroux Colin
Fernandez Pierre Renard Arnaud Rolland Caron Aubert Giraud Leclerc Vidal Bourgeois Renaud Lemoine
Picard Gaillard Philippe Leclercq Lacroix Fabre Dupuis Olivier Rodriguez Da-Silva Hubert Louis
Charles Guillot Riviere Le-Gall Guillaume Adam Rey Moulin Gonzalez Berger Lecomte Menard Fleury
Deschamps Carpentier Julien Benoit Paris Maillard Marchal Aubry Vasseur Le-Roux Renault Jacquet
Collet Prevost Poirier Charpentier Royer Huet Baron Dupuy Pons Paul Laine Carre Breton Remy
Schneider Perrot Guyot Barre Marty Cousin Smith Johnson Williams Brown Jones Miller Davis Wilson
Anderson Taylor Moore Jackson White Harris Clark Lewis Walker Hall Allen Young King Wright Scott
Green Baker Adams Nelson Hill Campbell Mitchell Roberts Carter Phillips Evans Turner Torres
Parker Collins Edwards Stewart Morris Murphy Cook Rogers Morgan Peterson Cooper Reed Bailey Bell
Gomez Kelly Howard Ward Cox Diaz Richardson Wood Watson Brooks Bennett Gray James Reyes Cruz
Hughes Price Myers Long Foster Sanders Ross Morales Powell Sullivan Russell Ortiz Jenkins
Gutierrez Perry Butler Barnes Fisher Henderson Coleman Simmons Patterson Jordan Reynolds Hamilton
Graham Kim Alexander Ramos Wallace Griffin West Cole Hayes Chavez Gibson Bryant Ellis Stevens
Murray Ford Marshall Owens McDonald Harrison Ruiz Kennedy Wells Alvarez Woods Mendoza Castillo
Olson Webb Washington Tucker Freeman Burns Henry Vasquez Snyder Simpson Crawford Jimenez Porter
Mason Shaw Gordon Wagner Hunter Romero Hicks Dixon Hunt Palmer Robertson Black Holmes Stone Meyer
Boyd Mills Warren Fox Rose Rice Moreno Schmidt Patel Ferguson Nichols Herrera Medina Ryan
Fernandez Weaver Daniels Stephens Gardner Payne Kelley Dunn Pierce Arnold Tran Spencer Peters
Hawkins Grant Hansen Castro Hoffman Hart Elliott Cunningham Knight Bradley Rossi Russo Ferrari
Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti Costa Giordano Mancini Rizzo
Lombardi Moretti Barbieri Fontana Santoro Mariani Rinaldi Caruso Ferrara Galli Martini Leone
Longo Gentile Martinelli Vitale Lombardo Serra Coppola Sorrentino Kowalski Nowak Wisniewski
Wojcik Kaminski Lewandowski Zielinski Szymanski Wozniak Dabrowski Ivanov Smirnov Kuznetsov Popov
Vasiliev Petrov Sokolov Mikhailov Novikov Fedorov Morozov Volkov Alekseev Lebedev Semenov Egorov
Pavlov Kozlov Stepanov Nikolaev Orlov Andreev Makarov Nikitin Zakharov Zaitsev Solovyov Borisov
Yakovlev Grigoriev Romanov Vorobyov Sergeev Kovalenko Bondarenko Tkachenko Shevchenko Kravchenko
Oliynyk Shevchuk Polishchuk Lysenko Rudenko Diallo Traore Diop Ndiaye Sow Fall Ba Camara Cisse
Toure Keita Kone Sylla Konate Coulibaly Sanogo Benali Bouzid Haddad Mansour Khalil Saleh Hassan
Rahman Chowdhury Singh Sharma Gupta Kumar Das Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu
Sun Ma Zhu Hu Guo He Lin Luo Tanaka Suzuki Takahashi Watanabe Ito Yamamoto Nakamura Kobayashi
Kato Yoshida Yamada Sasaki Yamaguchi Matsumoto Inoue Kimura Hayashi Shimizu Yamazaki Mori Abe
Ikeda Hashimoto Ishikawa Ogawa Goto Okada Hasegawa Fujita Kondo Murakami Endo Aoki Sakamoto Saito
Fukuda Ota Nishimura Fujii Kaneko Okamoto Nakajima Schulz Wagner Becker Hoffmann Koch Richter
Klein Wolf Schroeder Neumann Schwarz Zimmermann Braun Kruger Hofmann Hartmann Lange Werner Krause
Lehmann Kohler Herrmann Konig Walter Mayer Huber Kaiser Fuchs Peters Lang Scholz Moller Weiss
Jung Hahn Vogel Friedrich Keller Gunther Frank Berger Winkler Roth Beck Lorenz Baumann Franke
Albrecht Schuster Simon Ludwig Bohm Winter Kraus Martin Jansen Janssen Visser Smit Meijer Mulder
Bos Vos Peeters Maes Jacobs Mertens Willems Claes Goossens Wouters Dubois Lambert Dupont Silva
Santos Ferreira Pereira Oliveira Costa Rodrigues Martins Jesus Sousa Fernandes Goncalves Gomes
Lopes Marques Alves Almeida Ribeiro Pinto Carvalho Teixeira Moreira Correia Mendes Nunes Soares
Vieira Monteiro Cardoso Rocha Neves Coelho Cruz Cunha Pires Ramos Reis Simoes Antunes Matos
Fonseca Machado Araujo Barbosa Tavares Lourenco Castro Figueiredo Azevedo Freitas Johansson
Andersson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson Pettersson Jonsson
Hansen Johansen Olsen Larsen Andersen Pedersen Nilsen Kristiansen Jensen Karlsen Virtanen
Korhonen Makinen Nieminen Makela Hamalainen Laine Heikkinen Koskinen Jarvinen Lehtonen Nagy
Horvath Kovacs Szabo Toth Varga Kiss Molnar Nemeth Farkas Balogh Papp Takacs Juhasz Lakatos Novak
Svoboda Novotny Dvorak Cerny Prochazka Kucera Vesely Horak Nemec Marek Pospisil Hajek Jelinek
Papadopoulos Georgiou Nikolaidis Dimitriou Ioannou Konstantinou Christodoulou Vasileiou Yilmaz
Kaya Demir Sahin Celik Yildiz Yildirim Ozturk Aydin Ozdemir Arslan Dogan Kilic Aslan Cetin Kara
"""
