#!/usr/bin/env python3
"""Derive reeldb's demo catalog, spec fixtures and reference tables from TMDB's OpenAPI examples.

Usage: python3 tools/build_demo.py [--shared DIR] [--check]

Reads (never at build/run/test time of reeldb, only here):
  DIR/spec/tmdb-v3.openapi.json           TMDB's OpenAPI document (200-response examples)
  DIR/seed/episode-credits-example.json   TMDB's response for /3/tv/93405/season/2/episode/1/credits
DIR defaults to ../shared relative to the repository root.

Writes (relative to the repository root):
  crates/reeldb-import/demo/catalog.jsonl        import records {"request": ..., "response": ...}
  crates/reeldb-http/tests/fixtures/spec/*.json  one example per operation, with a concrete request
  crates/reeldb-store/data/languages.json        the /3/configuration/languages example
  crates/reeldb-store/data/timezones.json        the /3/configuration/timezones example
  docs/operations.tsv                            every operation of the spec, in spec order
  NOTICE                                         attribution of the derived files

Every value is copied exactly from the examples: the loader refuses a document whose
numbers would not survive a parse/serialise round trip, or whose objects repeat a key.
Output is deterministic. With --check nothing is written; exit status 1 if a file differs.

Python 3.11, standard library only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

CATALOG = Path("crates/reeldb-import/demo/catalog.jsonl")
FIXTURES = Path("crates/reeldb-http/tests/fixtures/spec")
LANGUAGES = Path("crates/reeldb-store/data/languages.json")
TIMEZONES = Path("crates/reeldb-store/data/timezones.json")
OPERATIONS = Path("docs/operations.tsv")
NOTICE = Path("NOTICE")

# Game of Thrones: series 1399, season 1 (TMDB season id 3624), episode 1x01 (TMDB episode id 63056).
PATH_PARAMS = {
    "series_id": "1399",
    "season_number": "1",
    "episode_number": "1",
    "season_id": "3624",
    "episode_id": "63056",
    # HBO, Game of Thrones' network; the review the review-details example shows.
    "network_id": "49",
    "review_id": "640b2aeecaaca20079decdcc",
    # The episode group of tv-episode-group-details' own example (Comedians in Cars, series 59717).
    "tv_episode_group_id": "5acf93e60e0a26346d0000ce",
    # Tom Hanks, as most person examples name him; the credit is Pedro Pascal's in The Last of Us.
    "person_id": "31",
    "credit_id": "6024a814c0ae36003d59cc3c",
    # Fight Club, as every movie sub-resource example describes it.
    "movie_id": "550",
    # The Star Wars Collection, Lucasfilm and the keyword "hero", as their examples describe.
    "collection_id": "10",
    "company_id": "1",
    "keyword_id": "1701",
    # The time window of the trending examples (TMDB's default).
    "time_window": "day",
    # Scream VI's IMDb id: the movie the find example finds (with external_source=imdb_id).
    "external_id": "tt17663992",
}
# Examples that name another object than PATH_PARAMS: their own ids.
PATH_OVERRIDES = {
    "person-images": {"person_id": "287"},
    # TMDB's movie details example is Star Wars (11), not Fight Club.
    "movie-details": {"movie_id": "11"},
}

# Series-level records come first: the season and episode records after them keep the season's
# and episode's own fields as their examples state them.
SERIES_CATALOG_OPS = [
    "tv-series-details",
    "tv-series-credits",
    "tv-series-aggregate-credits",
    "tv-series-external-ids",
    "tv-series-images",
    "tv-series-videos",
    "tv-series-translations",
    "tv-series-watch-providers",
    "tv-series-changes",
]

# Catalog records whose example names another object's id than the one they describe: the
# record carries the right id (the fixture keeps the example as it is). TMDB's series images
# example says "id": 550 (a movie) around Game of Thrones' images.
CATALOG_ID_FIXES = {"tv-series-images": 1399}

# Catalog records, in this order. tv-episode-videos is left out on purpose: its example is
# season 3624's videos ("id": 3624), already carried by the tv-season-videos record.
CATALOG_OPS = SERIES_CATALOG_OPS + [
    "tv-season-details",
    "tv-season-credits",
    "tv-season-aggregate-credits",
    "tv-season-external-ids",
    "tv-season-images",
    "tv-season-translations",
    "tv-season-videos",
    "tv-season-watch-providers",
    "tv-season-changes-by-id",
    "tv-episode-details",
    "tv-episode-credits",
    "tv-episode-external-ids",
    "tv-episode-images",
    "tv-episode-translations",
    "tv-episode-changes-by-id",
    "network-details",
    "details-copy",  # the network's alternative names
    "alternative-names-copy",  # the network's images
    "tv-series-reviews",
    "tv-series-alternative-titles",
    "tv-series-content-ratings",
    "tv-series-keywords",
    "tv-series-screened-theatrically",
    "tv-series-episode-groups",
    "person-details",
    "person-external-ids",
    "person-images",
    "translations",
    "person-tv-credits",
    "person-combined-credits",
    "person-tagged-images",
    "person-changes",
    "person-latest-id",
    "person-popular-list",
    "credit-details",
    # TV lists: their entries give the demo's computed lists (popular, top rated, similar and
    # recommendations of Game of Thrones) series to rank. Airing today and on the air carry the
    # same entries as popular, so they are fixtures only.
    "tv-series-popular-list",
    "tv-series-top-rated-list",
    "tv-series-similar",
    "tv-series-recommendations",
    # Movies: Star Wars' details (11) and Fight Club's (550) sub-resources, as the examples
    # state them (the catalog holds no details of Fight Club: the spec has none).
    "movie-details",
    "movie-credits",
    "movie-alternative-titles",
    "movie-external-ids",
    "movie-images",
    "movie-keywords",
    "movie-videos",
    "movie-watch-providers",
    "movie-changes",
    "movie-reviews",
    "movie-translations",
    "movie-release-dates",
    # Collections, companies and keywords: the Star Wars Collection (its parts' list fields
    # come after Star Wars' details: the collection's example is the newer), Lucasfilm, and
    # the keyword "hero" with the movies of its example page (German text).
    "collection-details",
    "collection-images",
    "collection-translations",
    "company-details",
    "company-alternative-names",
    "company-images",
    "keyword-details",
    "keyword-movies",
]
# review-details is The Last of Us' review (not Game of Thrones); the changes lists are TMDB's
# whole catalog, computed from a catalog's change log rather than imported;
# tv-episode-group-details' example is another series' group (Comedians in Cars);
# tv-series-latest-id names another series (225491).
FIXTURE_OPS = CATALOG_OPS + [
    "tv-episode-videos",
    "authentication-validate-key",
    "review-details",
    "changes-tv-list",
    "changes-people-list",
    "tv-episode-group-details",
    "person-movie-credits",
    "tv-series-latest-id",
    "movie-latest-id",  # names another movie (1119232)
    "tv-series-airing-today-list",
    "tv-series-on-the-air-list",
    "genre-movie-list",
    "genre-tv-list",
    "certification-movie-list",
    "certifications-tv-list",
    "configuration-details",
    "configuration-timezones",
    "configuration-jobs",
    "configuration-languages",
    "configuration-primary-translations",
    # Movie lists: TMDB's whole-catalog pages, compared entry by entry (spec_examples.rs).
    "movie-popular-list",
    "movie-top-rated-list",
    "movie-now-playing-list",
    "movie-upcoming-list",
    "movie-similar",
    "changes-movie-list",
    "configuration-countries",
    "watch-providers-available-regions",
    "watch-providers-movie-list",
    "watch-provider-tv-list",
    # Computed from the catalog: their entries are imported, the lists never are.
    "find-by-id",
    "trending-all",
    "trending-movies",
    "trending-tv",
    "trending-people",
    # Discover: TMDB's whole-catalog pages, compared entry by entry (spec_examples.rs).
    "discover-movie",
    "discover-tv",
    # Search: each example's entries are imported from the example itself (a search page
    # import), then searched for with the example's query (crates/reeldb-http/tests/search.rs).
    "search-movie",
    "search-tv",
    "search-person",
    "search-multi",
    "search-collection",
    "search-company",
    "search-keyword",
]
# Query strings a fixture's request (and its catalog record's) needs to say what its example
# is: the genre lists' examples are TMDB's German names, the keyword's movies German text.
FIXTURE_QUERIES = {
    "genre-movie-list": "language=de",
    "genre-tv-list": "language=de",
    # TMDB's movie changes example is page 3 of its day.
    "changes-movie-list": "page=3",
    "keyword-movies": "language=de",
    "find-by-id": "external_source=imdb_id",
    # The queries the search examples answer.
    "search-movie": "query=Fight%20Club",
    "search-tv": "query=Breaking%20Bad",
    "search-person": "query=Tom%20Hanks",
    "search-multi": "query=Star%20Wars",
    "search-collection": "query=The%20Avengers",
    "search-company": "query=HBO",
    "search-keyword": "query=lost",
}
CHANGES_OPS = {
    "tv-season-changes-by-id",
    "tv-episode-changes-by-id",
    "person-changes",
    "tv-series-changes",
    "movie-changes",
}

SEED_REQUEST = "/3/tv/93405/season/2/episode/1/credits"

MAX_WINDOW_DAYS = 14  # TMDB refuses longer changes windows (status_code 20)
METHODS = ("get", "post", "delete", "put", "patch")

NOTICE_TEXT = """\
reeldb
Copyright the reeldb authors.

reeldb's own code is licensed under the Apache License, Version 2.0.

Data derived from TMDB
----------------------
The following files are derived from the examples of TMDB's published API documentation
(its OpenAPI document for API v3) and from responses of the TMDB API. They are generated
by tools/build_demo.py:

  crates/reeldb-import/demo/catalog.jsonl
  crates/reeldb-http/tests/fixtures/spec/
  crates/reeldb-store/data/languages.json
  crates/reeldb-store/data/timezones.json
  docs/operations.tsv

Source: The Movie Database (TMDB), https://www.themoviedb.org
This product uses the TMDB API but is not endorsed or certified by TMDB.

Data derived from Wikidata (CC0)
--------------------------------
crates/reeldb-import/demo/films.jsonl is derived by tools/build_demo_films.py from movies.db
in the PyPI package bokeh-sampledata 2026.1 (bokeh_sampledata/_data/movies.db, sha256
1d9c6a02e488d0354b2309e16130c58820a91ac2ce417e814c5964f9579a65ac): a Wikidata snapshot
retrieved 2026-10-18, released under CC0-1.0. Attribution: Wikidata contributors,
https://www.wikidata.org. Its genre, country and language codes and names are TMDB's (the
genre ids and English genre names, and the english names per ISO code of TMDB's
/3/configuration/countries and /3/configuration/languages examples): see above.
"""


class BuildError(Exception):
    pass


# ---------------------------------------------------------------------------------------------
# Strict JSON loading: values must survive json.loads -> json.dumps unchanged.


def _strict_float(token: str) -> float:
    value = float(token)
    if repr(value) != token:
        raise BuildError(f"number {token!r} would be rewritten as {value!r}")
    return value


def _strict_object(pairs: list[tuple[str, object]]) -> dict:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        keys = [k for k, _ in pairs]
        dups = sorted({k for k in keys if keys.count(k) > 1})
        raise BuildError(f"object repeats key(s) {dups}")
    return obj


def strict_loads(text: str, what: str):
    try:
        return json.loads(text, parse_float=_strict_float, object_pairs_hook=_strict_object)
    except (BuildError, ValueError) as e:
        raise BuildError(f"{what}: {e}") from e


# ---------------------------------------------------------------------------------------------
# Spec access.


def load_operations(spec: dict) -> list[dict]:
    ops = []
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if method not in METHODS:
                continue
            ops.append({"method": method.upper(), "path": path, "operationId": op["operationId"], "op": op})
    return ops


def example_of(entry: dict):
    """The 200 application/json example of an operation, unwrapped and parsed."""
    op_id = entry["operationId"]
    content = entry["op"]["responses"]["200"]["content"]["application/json"]
    if "examples" in content:
        examples = content["examples"]
        if len(examples) != 1:
            raise BuildError(f"{op_id}: expected one example, found {sorted(examples)}")
        (name, ex), = examples.items()
        value = ex["value"]  # {"Result": {"value": "<json>"}} or {"OK": {"summary": .., "value": {..}}}
    elif "example" in content:
        value = content["example"]
    else:
        raise BuildError(f"{op_id}: no 200 example")
    if isinstance(value, str):
        value = strict_loads(value, f"{op_id} example")
    return value


def concrete(path_template: str, op_id: str = "") -> str:
    out = path_template
    for name, value in {**PATH_PARAMS, **PATH_OVERRIDES.get(op_id, {})}.items():
        out = out.replace("{" + name + "}", value)
    if "{" in out:
        raise BuildError(f"unfilled path parameter in {path_template}")
    return out


# ---------------------------------------------------------------------------------------------
# Changes windows.


def item_date(item: dict) -> dt.date:
    # TMDB change times look like "2016-04-20 18:21:58 UTC".
    return dt.datetime.strptime(item["time"], "%Y-%m-%d %H:%M:%S UTC").date()


def window_query(start: dt.date, end: dt.date) -> str:
    return f"start_date={start.isoformat()}&end_date={end.isoformat()}"


def change_windows(changes: dict) -> list[tuple[dt.date, dt.date, dict]]:
    """Split a changes response into windows of at most MAX_WINDOW_DAYS days.

    Each window starts at the date of its earliest item; end_date is the day after its latest
    item, so every item's time lies within [start_date 00:00, end_date 00:00) whether a server
    reads end_date as inclusive or exclusive. Keys keep their order; empty keys are dropped.
    """
    dates = sorted({item_date(i) for c in changes["changes"] for i in c["items"]})
    if not dates:
        raise BuildError("changes example has no items")
    windows = []
    idx = 0
    while idx < len(dates):
        start = dates[idx]
        limit = start + dt.timedelta(days=MAX_WINDOW_DAYS - 1)  # last item date allowed in window
        last = start
        while idx < len(dates) and dates[idx] <= limit:
            last = dates[idx]
            idx += 1
        end = last + dt.timedelta(days=1)
        subset = []
        for c in changes["changes"]:
            items = [i for i in c["items"] if start <= item_date(i) <= last]
            if items:
                subset.append({**c, "items": items})
        windows.append((start, end, {**changes, "changes": subset}))
    return windows


# ---------------------------------------------------------------------------------------------
# Output.


def dumps_line(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def dumps_pretty(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


def build(shared: Path) -> tuple[dict[Path, str], dict]:
    spec_path = shared / "spec" / "tmdb-v3.openapi.json"
    seed_path = shared / "seed" / "episode-credits-example.json"
    spec = strict_loads(spec_path.read_text(encoding="utf-8"), str(spec_path))
    seed = strict_loads(seed_path.read_text(encoding="utf-8"), str(seed_path))

    ops = load_operations(spec)
    by_id = {o["operationId"]: o for o in ops}
    if len(by_id) != len(ops):
        raise BuildError("duplicate operationIds in the spec")
    report: dict = {"operations": len(ops), "windows": {}}

    files: dict[Path, str] = {}

    # 1. Demo catalog.
    lines = []
    for op_id in CATALOG_OPS:
        entry = by_id[op_id]
        if entry["method"] != "GET":
            raise BuildError(f"{op_id} is not a GET operation")
        example = example_of(entry)
        path = concrete(entry["path"], op_id)
        if op_id in CHANGES_OPS:
            windows = change_windows(example)
            report["windows"][op_id] = [(s.isoformat(), e.isoformat()) for s, e, _ in windows]
            for start, end, part in windows:
                lines.append(dumps_line({"request": f"{path}?{window_query(start, end)}", "response": part}))
        else:
            if op_id in CATALOG_ID_FIXES:
                example = {**example, "id": CATALOG_ID_FIXES[op_id]}
            if op_id in FIXTURE_QUERIES:
                path = f"{path}?{FIXTURE_QUERIES[op_id]}"
            lines.append(dumps_line({"request": path, "response": example}))
    lines.append(dumps_line({"request": SEED_REQUEST, "response": seed}))
    files[CATALOG] = "".join(line + "\n" for line in lines)
    report["catalog_records"] = len(lines)

    # 2. Spec fixtures.
    for op_id in FIXTURE_OPS:
        entry = by_id[op_id]
        example = example_of(entry)
        request = concrete(entry["path"], op_id)
        fixture = {"operationId": op_id, "method": entry["method"], "path_template": entry["path"]}
        if op_id in CHANGES_OPS:
            dates = sorted(item_date(i) for c in example["changes"] for i in c["items"])
            start, end = dates[0], dates[-1] + dt.timedelta(days=1)
            span = (end - start).days
            if span <= MAX_WINDOW_DAYS:
                request += "?" + window_query(start, end)
                fixture["request"] = request
            else:
                fixture["request"] = request + "?" + window_query(start, end)
                fixture["window_days"] = span
                report.setdefault("fixture_window_days", {})[op_id] = span
        elif op_id in FIXTURE_QUERIES:
            fixture["request"] = f"{request}?{FIXTURE_QUERIES[op_id]}"
        else:
            fixture["request"] = request
        fixture["response"] = example
        files[FIXTURES / f"{op_id}.json"] = dumps_pretty(fixture)

    # 3a. Countries' time zones (jiff's tz database maps a zone to one country only; TMDB lists
    # a zone under every country it serves, e.g. America/Puerto_Rico under AG and AI).
    timezones = example_of(by_id["configuration-timezones"])
    if not isinstance(timezones, list) or any(set(x) != {"iso_3166_1", "zones"} for x in timezones):
        raise BuildError("configuration-timezones example is not a list of {iso_3166_1, zones}")
    files[TIMEZONES] = dumps_line(timezones) + "\n"

    # 3. Languages table.
    languages = example_of(by_id["configuration-languages"])
    if not isinstance(languages, list) or any(set(x) != {"iso_639_1", "english_name", "name"} for x in languages):
        raise BuildError("configuration-languages example is not a list of {iso_639_1, english_name, name}")
    files[LANGUAGES] = dumps_line(languages) + "\n"
    table: dict[str, dict] = {}
    for lang in languages:
        if lang["iso_639_1"] in table:
            raise BuildError(f"languages table repeats {lang['iso_639_1']}")
        table[lang["iso_639_1"]] = lang
    mismatches = []
    checked = 0
    for op_id in ("tv-season-translations", "tv-episode-translations"):
        for t in example_of(by_id[op_id])["translations"]:
            checked += 1
            lang = table.get(t["iso_639_1"])
            if lang is None:
                mismatches.append(f"{op_id}: {t['iso_639_1']}-{t['iso_3166_1']} not in the languages table")
            elif (t["name"], t["english_name"]) != (lang["name"], lang["english_name"]):
                mismatches.append(
                    f"{op_id}: {t['iso_639_1']}-{t['iso_3166_1']} has name={t['name']!r} "
                    f"english_name={t['english_name']!r}, table has name={lang['name']!r} "
                    f"english_name={lang['english_name']!r}"
                )
    report["translations_checked"] = checked
    report["language_mismatches"] = mismatches
    report["languages"] = len(languages)

    # 4. Operations list.
    rows = ["method\tpath\toperation_id"] + [f"{o['method']}\t{o['path']}\t{o['operationId']}" for o in ops]
    files[OPERATIONS] = "".join(r + "\n" for r in rows)

    # 5. NOTICE: this tool owns its first section (up to the first blank-line-separated
    # section another tool added); what follows is kept.
    current = (REPO / NOTICE).read_text(encoding="utf-8") if (REPO / NOTICE).exists() else ""
    rest = current[len(NOTICE_TEXT):] if current.startswith(NOTICE_TEXT) else ""
    files[NOTICE] = NOTICE_TEXT + rest
    return files, report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared",
                        help="directory holding spec/ and seed/ (default: ../shared from the repo root)")
    parser.add_argument("--check", action="store_true", help="write nothing; fail if a file is out of date")
    args = parser.parse_args(argv)
    shared = args.shared if args.shared.is_absolute() else (Path.cwd() / args.shared)

    try:
        files, report = build(shared.resolve())
    except (BuildError, KeyError, OSError) as e:
        print(f"build_demo: error: {e}", file=sys.stderr)
        return 2

    stale = []
    for rel, text in files.items():
        target = REPO / rel
        data = text.encode("utf-8")
        if target.exists() and target.read_bytes() == data:
            continue
        stale.append(rel)
        if not args.check:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)

    verb = "out of date" if args.check else "written"
    print(f"{len(files)} files, {len(stale)} {verb}")
    for rel in stale:
        print(f"  {rel}")
    print(f"catalog records: {report['catalog_records']}; operations: {report['operations']}; "
          f"languages: {report['languages']}")
    for op_id, windows in report["windows"].items():
        print(f"{op_id} windows: " + ", ".join(f"{s}..{e}" for s, e in windows))
    for op_id, days in report.get("fixture_window_days", {}).items():
        print(f"{op_id} fixture window spans {days} days (> {MAX_WINDOW_DAYS})")
    print(f"translations checked against the languages table: {report['translations_checked']}, "
          f"mismatches: {len(report['language_mismatches'])}")
    for m in report["language_mismatches"]:
        print(f"  {m}")
    return 1 if (args.check and stale) else 0


if __name__ == "__main__":
    sys.exit(main())
