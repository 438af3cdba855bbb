#!/usr/bin/env python3
"""Prints the README's coverage table from docs/operations.tsv and the operations reeldb serves.

Usage: python3 tools/coverage_table.py > /tmp/table.md  (then paste between the README markers)
A test (crates/reeldb-http/tests/coverage.rs) checks the table against the router, so a route
added without updating the table (or the reverse) fails CI.
"""
import csv
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent

# Operations served; keep in step with the router (the coverage test enforces it).
DONE = {
    "authentication-validate-key",
    "tv-season-details", "tv-season-aggregate-credits", "tv-season-credits",
    "tv-season-external-ids", "tv-season-images", "tv-season-translations", "tv-season-videos",
    "tv-season-watch-providers", "tv-season-changes-by-id",
    "tv-episode-details", "tv-episode-credits", "tv-episode-external-ids", "tv-episode-images",
    "tv-episode-translations", "tv-episode-videos", "tv-episode-changes-by-id",
    "network-details", "details-copy", "alternative-names-copy",
    "review-details", "tv-series-reviews",
    "changes-tv-list", "changes-people-list",
    "tv-series-alternative-titles", "tv-series-content-ratings", "tv-series-keywords",
    "tv-series-screened-theatrically", "tv-series-episode-groups", "tv-episode-group-details",
    "person-details", "person-changes", "person-combined-credits", "person-external-ids",
    "person-images", "person-latest-id", "person-movie-credits", "person-tagged-images",
    "person-tv-credits", "translations", "person-popular-list", "credit-details",
    "tv-series-details", "tv-series-credits", "tv-series-aggregate-credits",
    "tv-series-external-ids", "tv-series-images", "tv-series-videos", "tv-series-translations",
    "tv-series-watch-providers", "tv-series-changes", "tv-series-latest-id",
    "tv-series-popular-list", "tv-series-top-rated-list", "tv-series-airing-today-list",
    "tv-series-on-the-air-list", "tv-series-similar", "tv-series-recommendations",
    "genre-movie-list", "genre-tv-list", "certification-movie-list", "certifications-tv-list",
    "movie-details", "movie-latest-id", "movie-credits", "movie-alternative-titles", "movie-reviews",
    "movie-translations", "movie-release-dates", "movie-external-ids", "movie-images", "movie-keywords",
    "movie-videos", "movie-watch-providers", "movie-changes",
    "movie-popular-list", "movie-top-rated-list", "movie-now-playing-list", "movie-upcoming-list",
    "movie-similar", "movie-recommendations", "changes-movie-list",
    "configuration-details", "configuration-timezones", "configuration-jobs",
    "configuration-languages", "configuration-primary-translations",
    "collection-details", "collection-images", "collection-translations",
    "company-details", "company-alternative-names", "company-images",
    "keyword-details", "keyword-movies",
    "find-by-id", "trending-all", "trending-movies", "trending-tv", "trending-people",
    "configuration-countries", "watch-providers-available-regions", "watch-providers-movie-list",
    "watch-provider-tv-list",
    "discover-movie", "discover-tv",
    "search-movie", "search-tv", "search-person", "search-multi", "search-collection",
    "search-company", "search-keyword",
}


def section(path: str) -> str:
    rules = [
        (r"^/3/account", "Account"), (r"^/3/authentication", "Authentication"),
        (r"^/3/certification", "Certifications"), (r"^/3/(movie|tv|person)/changes", "Changes"),
        (r"^/3/collection", "Collections"), (r"^/3/company", "Companies"),
        (r"^/3/configuration", "Configuration"), (r"^/3/credit", "Credits"),
        (r"^/3/discover", "Discover"), (r"^/3/find", "Find"), (r"^/3/genre", "Genres"),
        (r"^/3/guest_session", "Guest Sessions"), (r"^/3/keyword", "Keywords"), (r"^/3/list", "Lists"),
        (r"^/3/movie/(now_playing|popular|top_rated|upcoming)$", "Movie Lists"), (r"^/3/movie", "Movies"),
        (r"^/3/network", "Networks"), (r"^/3/person/popular$", "People Lists"), (r"^/3/person", "People"),
        (r"^/3/review", "Reviews"), (r"^/3/search", "Search"), (r"^/3/trending", "Trending"),
        (r"^/3/tv/(airing_today|on_the_air|popular|top_rated)$", "TV Series Lists"),
        (r"^/3/tv/episode_group", "TV Episode Groups"),
        (r"^/3/tv/(episode/|.*/episode/)", "TV Episodes"), (r"^/3/tv/(season/|.*/season/)", "TV Seasons"),
        (r"^/3/tv", "TV Series"), (r"^/3/watch", "Watch Providers"),
    ]
    for pattern, name in rules:
        if re.search(pattern, path):
            return name
    return "Other"


def main() -> None:
    rows = list(csv.DictReader(open(ROOT / "docs/operations.tsv"), delimiter="\t"))
    done = sum(1 for r in rows if r["operation_id"] in DONE)
    out = [f"{done} of {len(rows)} operations served.", "",
           "| section | method | path | operation | status |", "|---|---|---|---|---|"]
    for r in sorted(rows, key=lambda r: (section(r["path"]), r["path"], r["method"])):
        status = "done" if r["operation_id"] in DONE else "not yet"
        out.append(f"| {section(r['path'])} | {r['method']} | `{r['path']}` | {r['operation_id']} | {status} |")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
