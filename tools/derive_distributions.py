#!/usr/bin/env python3
"""Derive the shapes `reeldb generate` samples from, out of a real film catalog.

Usage:
  pip download --no-deps bokeh-sampledata==2026.1 -d /tmp/bk && (cd /tmp/bk && unzip -o -q *.whl)
  python3 tools/derive_distributions.py [--db /tmp/bk/bokeh_sampledata/_data/movies.db] [--check]

Reads `movies.db` from the PyPI wheel bokeh-sampledata==2026.1 (CC0: 17,472 films from Wikidata,
1940-2014; tables `omdb` and `tomatoes`). Only this script reads it, never reeldb at build, run or
test time.

Writes crates/reeldb-generate/data/distributions.json: small histograms, nothing per film.
  cast_size          names in a film's cast list (0 when the source has none)
  crew_size          distinct directors + writers of a film
  release_year       films per year
  release_month      films per month of the release date
  runtime_minutes    5-minute bins
  people_recurrence  how many people have k credits (cast, director, writer), the largest
                     counts, and a Hill estimate of the Pareto tail exponent
  languages          first spoken language, as ISO 639-1 (unmapped names are dropped)
  countries          first country, as ISO 3166-1 alpha-2 (unmapped names are dropped)
  review_counts      Rotten Tomatoes review counts in power-of-two bins (a long tail)
  rating             Rotten Tomatoes average rating, 0.5-wide bins over 0..10
  movie_genres       OMDb genres as TMDB movie genre ids (films per genre; OMDb names TMDB has
                     no genre for are dropped)
  genres_per_film    how many of those genres a film has

Output is deterministic; with --check nothing is written and the exit status is 1 when the
committed file differs. Python 3, standard library only.
"""

from __future__ import annotations

import argparse
import collections
import json
import math
import sqlite3
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "crates/reeldb-generate/data/distributions.json"
DEFAULT_DB = Path("/tmp/bk/bokeh_sampledata/_data/movies.db")

LANGUAGES = {
    "English": "en", "French": "fr", "Spanish": "es", "Japanese": "ja", "Italian": "it",
    "Hindi": "hi", "German": "de", "Cantonese": "zh", "Mandarin": "zh", "Chinese": "zh",
    "Korean": "ko", "Swedish": "sv", "Danish": "da", "Russian": "ru", "Portuguese": "pt",
    "Norwegian": "no", "Dutch": "nl", "Persian": "fa", "Turkish": "tr", "Polish": "pl",
    "Hebrew": "he", "Arabic": "ar", "Finnish": "fi", "Greek": "el", "Tamil": "ta",
    "Thai": "th", "Czech": "cs", "Hungarian": "hu", "Romanian": "ro", "Telugu": "te",
    "Malayalam": "ml", "Icelandic": "is", "Indonesian": "id", "Tagalog": "tl",
    "Bengali": "bn", "Ukrainian": "uk", "Serbian": "sr", "Croatian": "hr", "Vietnamese": "vi",
}

COUNTRIES = {
    "United States": "US", "United Kingdom": "GB", "France": "FR", "Canada": "CA",
    "Japan": "JP", "Australia": "AU", "India": "IN", "Germany": "DE", "Italy": "IT",
    "Spain": "ES", "Hong Kong": "HK", "South Korea": "KR", "Sweden": "SE", "Denmark": "DK",
    "Ireland": "IE", "China": "CN", "Mexico": "MX", "Belgium": "BE", "Norway": "NO",
    "Netherlands": "NL", "Brazil": "BR", "Argentina": "AR", "New Zealand": "NZ",
    "Russia": "RU", "Israel": "IL", "Iran": "IR", "Poland": "PL", "Finland": "FI",
    "Switzerland": "CH", "Austria": "AT", "Turkey": "TR", "Taiwan": "TW", "South Africa": "ZA",
    "Czech Republic": "CZ", "Greece": "GR", "Romania": "RO", "Hungary": "HU", "Iceland": "IS",
    "Thailand": "TH", "Chile": "CL", "Portugal": "PT", "West Germany": "DE",
}

# OMDb genre names -> TMDB movie genre ids (TMDB's /3/genre/movie/list). "Biography" and "Sport"
# have no TMDB genre and are dropped; "Musical" and "Music" are TMDB's Music.
GENRES = {
    "Action": 28, "Adventure": 12, "Animation": 16, "Comedy": 35, "Crime": 80, "Documentary": 99,
    "Drama": 18, "Family": 10751, "Fantasy": 14, "History": 36, "Horror": 27, "Music": 10402,
    "Musical": 10402, "Mystery": 9648, "Romance": 10749, "Sci-Fi": 878, "Thriller": 53, "War": 10752,
    "Western": 37,
}


def names(field: str | None) -> list[str]:
    return [n.strip() for n in (field or "").split(",") if n.strip()]


def histogram(values: list[int]) -> dict:
    c = collections.Counter(values)
    keys = sorted(c)
    return {"values": keys, "counts": [c[k] for k in keys]}


def derive(db: Path) -> dict:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    films = con.execute(
        'SELECT ID, Year, Runtime, Released, Director, Writer, "Cast", Language, Country, Genre FROM omdb ORDER BY ID'
    ).fetchall()
    cast_sizes, crew_sizes, years, months, runtimes = [], [], [], [], []
    credits_per_person: collections.Counter[str] = collections.Counter()
    languages: collections.Counter[str] = collections.Counter()
    countries: collections.Counter[str] = collections.Counter()
    genres: collections.Counter[int] = collections.Counter()
    genres_per_film = []
    for _id, year, runtime, released, director, writer, cast, language, country, genre in films:
        film_genres = list(dict.fromkeys(GENRES[g] for g in names(genre) if g in GENRES))
        genres.update(film_genres)
        genres_per_film.append(len(film_genres))
        cast_names = names(cast)
        crew_names = sorted(set(names(director)) | set(names(writer)))
        cast_sizes.append(len(cast_names))
        crew_sizes.append(len(crew_names))
        if year:
            years.append(int(year))
        # A bare year is stored as YYYY-01-01: that carries no month.
        if released and len(released) >= 10 and released[5:7].isdigit() and released[5:] != "01-01":
            months.append(int(released[5:7]))
        if runtime:
            runtimes.append(int(runtime) // 5 * 5)
        for n in cast_names + names(director) + names(writer):
            credits_per_person[n] += 1
        first_lang = names(language)[:1]
        if first_lang and first_lang[0] in LANGUAGES:
            languages[LANGUAGES[first_lang[0]]] += 1
        first_country = names(country)[:1]
        if first_country and first_country[0] in COUNTRIES:
            countries[COUNTRIES[first_country[0]]] += 1

    counts = sorted(credits_per_person.values(), reverse=True)
    # Hill estimator of the tail exponent alpha (P(X > x) ~ x^-alpha) over people with at least
    # k_min credits.
    k_min = 5
    tail = [c for c in counts if c >= k_min]
    alpha = len(tail) / sum(math.log(c / (k_min - 0.5)) for c in tail)

    reviews = [r for (r,) in con.execute("SELECT Reviews FROM tomatoes WHERE Reviews IS NOT NULL ORDER BY ID")]
    edges = [0, 1]
    while edges[-1] <= max(reviews):
        edges.append(edges[-1] * 2)
    review_bins = [0] * (len(edges) - 1)
    for r in reviews:
        i = 0 if r == 0 else min(int(math.log2(r)) + 1, len(review_bins) - 1)
        review_bins[i] += 1
    ratings = [r for (r,) in con.execute("SELECT Rating FROM tomatoes WHERE Rating IS NOT NULL ORDER BY ID")]
    rating_bins = [0] * 20
    for r in ratings:
        rating_bins[min(int(r * 2), 19)] += 1

    recurrence = histogram(list(credits_per_person.values()))
    return {
        "source": "bokeh-sampledata==2026.1 bokeh_sampledata/_data/movies.db (CC0, Wikidata films 1940-2014), "
        "derived by tools/derive_distributions.py",
        "films": len(films),
        "cast_size": histogram(cast_sizes),
        "crew_size": histogram(crew_sizes),
        "release_year": histogram(years),
        "release_month": histogram(months),
        "runtime_minutes": histogram(runtimes),
        "people_recurrence": {
            "people": len(credits_per_person),
            "credits": sum(counts),
            "credits_per_person": recurrence,
            "largest": counts[:20],
            "tail_k_min": k_min,
            "pareto_alpha": round(alpha, 4),
        },
        "languages": {"values": [k for k, _ in sorted(languages.items(), key=lambda kv: (-kv[1], kv[0]))],
                      "counts": [v for _, v in sorted(languages.items(), key=lambda kv: (-kv[1], kv[0]))]},
        "countries": {"values": [k for k, _ in sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))],
                      "counts": [v for _, v in sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))]},
        "review_counts": {"edges": edges, "counts": review_bins},
        "rating": {"bin_width": 0.5, "counts": rating_bins},
        "movie_genres": {"values": [k for k, _ in sorted(genres.items(), key=lambda kv: (-kv[1], kv[0]))],
                         "counts": [v for _, v in sorted(genres.items(), key=lambda kv: (-kv[1], kv[0]))]},
        "genres_per_film": histogram(genres_per_film),
    }


def render(d: dict) -> str:
    # One histogram per line keeps the file small and diffs readable.
    lines = ["{"]
    items = list(d.items())
    for i, (k, v) in enumerate(items):
        comma = "," if i + 1 < len(items) else ""
        lines.append(f"  {json.dumps(k)}: {json.dumps(v, separators=(', ', ': '))}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--db", type=Path, default=DEFAULT_DB, help=f"movies.db (default {DEFAULT_DB})")
    p.add_argument("--check", action="store_true", help="write nothing; fail if the committed file differs")
    args = p.parse_args(argv)
    if not args.db.exists():
        print(f"{args.db} not found; see the usage in this script's docstring", file=sys.stderr)
        return 2
    text = render(derive(args.db))
    if args.check:
        same = OUT.exists() and OUT.read_text() == text
        print(f"{OUT.relative_to(REPO)}: {'up to date' if same else 'differs'}")
        return 0 if same else 1
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text)
    print(f"wrote {OUT.relative_to(REPO)} ({len(text)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
