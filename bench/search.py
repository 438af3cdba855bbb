"""reeldb search and discover benchmark (run through bench/run.sh --search, which builds reeldb).

What it does, in order (the catalog and servers are bench/bench.py's; see its Method):

1. Uses (or generates once) the cached catalog of the scale and engine, deletes its search index and
   starts reeldb on it: the time until a search answers with results is the index build at start.
2. Draws a mixed query set from the catalog (seeded): movie titles, series names and people's names,
   each whole, as its first word, or as a prefix of at least four letters (as users type), spread
   over /3/search/movie (30 %), /tv (20 %), /person (20 %) and /multi (30 %); and a discover set:
   /3/discover/movie and /3/discover/tv with three filters (a genre, a date floor, a vote-count
   floor) and a sort drawn from four.
3. Times each set's first 300 paths one request at a time over one connection (each request's own
   cost, without queueing), then runs each set (`search`, `discover`) with bench/paths.lua (a random line of the set per request)
   against reeldb with the response cache off (every request is computed) and against nginx serving,
   per route, the median-sized of 25 of reeldb's answers of that route: pinned, wrk on one core and
   the server on the other, as bench/bench.py's pinned table.
4. Writes the `search-<scale>-<engine>` section of bench/RESULTS.md: requests/s, p50, p99, ratio to
   nginx, wrk's and the server's CPU, the one-at-a-time percentiles, the index build time, peak RSS,
   and the query set's make-up.

Python 3, standard library only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # noqa: E402  (bench/bench.py: catalog, servers, wrk)

PATHS_LUA = bench.BENCH / "paths.lua"
# TMDB's genre ids (the generator draws from them).
MOVIE_GENRES = [28, 12, 16, 35, 80, 99, 18, 10751, 14, 36, 27, 10402, 9648, 10749, 878, 10770, 53, 10752, 37]
TV_GENRES = [10759, 16, 35, 80, 99, 18, 10751, 10762, 9648, 10763, 10764, 10765, 10766, 10767, 10768, 37]
MOVIE_SORTS = ["popularity.desc", "vote_average.desc", "primary_release_date.desc", "revenue.desc"]
TV_SORTS = ["popularity.desc", "vote_average.desc", "first_air_date.desc", "name.asc"]


def sample_names(cat: bench.Catalog, table: str, column: str, ids: list, k: int, rng: random.Random) -> list[str]:
    """`column` of `k` random rows of `table` (non-empty values only)."""
    picked = [ids[rng.randrange(len(ids))] for _ in range(k)]
    sql = f"SELECT {column} FROM {table} WHERE id IN ({','.join(str(i) for i in picked)})"
    if cat.engine == "sqlite":
        con = sqlite3.connect(f"file:{cat.db}?mode=ro", uri=True)
        try:
            names = [r[0] for r in con.execute(sql)]
        finally:
            con.close()
    else:
        names = cat.psql(sql).splitlines()
    return [n for n in names if n and n.strip()]


def query_forms(name: str, rng: random.Random) -> str:
    """The whole name, its first word, or a prefix of its first word (four letters at least)."""
    words = name.split()
    form = rng.randrange(3)
    if form == 0 or not words:
        return name
    if form == 1 or len(words[0]) < 5:
        return words[0]
    return words[0][: rng.randrange(4, len(words[0]))]


def search_paths(cat: bench.Catalog, n: int, rng: random.Random) -> list[str]:
    movies = sample_names(cat, "movie", "original_title", list(cat._ids("movie")), n, rng)
    series = sample_names(cat, "tv_series", "original_name", list(cat._ids("tv_series")), n, rng)
    people = sample_names(cat, "person", "name", list(cat._ids("person")), n, rng)
    paths = []
    for _ in range(n):
        r = rng.random()
        if r < 0.3:
            route, pool = "movie", movies
        elif r < 0.5:
            route, pool = "tv", series
        elif r < 0.7:
            route, pool = "person", people
        else:
            route, pool = "multi", rng.choice([movies, series, people])
        q = query_forms(rng.choice(pool), rng)
        paths.append(f"/3/search/{route}?query={urllib.parse.quote(q)}")
    return paths


def discover_paths(n: int, rng: random.Random) -> list[str]:
    paths = []
    for _ in range(n):
        year = rng.randrange(1960, 2021)
        votes = rng.choice([10, 50, 100, 500])
        if rng.random() < 0.6:
            paths.append(f"/3/discover/movie?with_genres={rng.choice(MOVIE_GENRES)}"
                         f"&primary_release_date.gte={year}-01-01&vote_count.gte={votes}"
                         f"&sort_by={rng.choice(MOVIE_SORTS)}")
        else:
            paths.append(f"/3/discover/tv?with_genres={rng.choice(TV_GENRES)}"
                         f"&first_air_date.gte={year}-01-01&vote_count.gte={votes}"
                         f"&sort_by={rng.choice(TV_SORTS)}")
    return paths


def route_of(path: str) -> str:
    return path.split("?", 1)[0]


def representatives(rdb: bench.Reeldb, paths: list[str], samples: int) -> dict[str, bench.Representative]:
    """Per route, the median-sized body of `samples` of reeldb's answers (each must be 200)."""
    by_route: dict[str, list[str]] = {}
    for p in paths:
        by_route.setdefault(route_of(p), []).append(p)
    reps = {}
    for route, ps in by_route.items():
        got = []
        for p in ps[:samples]:
            r = bench.http_get(rdb.base + p)
            if r.status != 200:
                raise SystemExit(f"reeldb answered {r.status} to {p}: {r.body[:300]!r}")
            got.append((len(r.body), p, r))
        got.sort(key=lambda x: x[0])
        _, p, r = got[len(got) // 2]
        name = route.strip("/").replace("/", "_")
        reps[name] = bench.Representative(name, p, r.content_type, r.body, [g[0] for g in got])
    return reps


def service_times(rdb: bench.Reeldb, paths: list[str], n: int) -> dict[str, float]:
    """One request at a time over one kept-alive connection (the load tool's core, the server's
    own): each request's time alone, without the queueing that 64 connections add, as
    p50/p90/p99 in ms over the first `n` paths of the set."""
    import http.client
    host, port = rdb.base.split("//", 1)[1].split(":")
    con = http.client.HTTPConnection(host, int(port), timeout=60)
    times = []
    for p in paths[:n]:
        t = time.perf_counter()
        con.request("GET", p, headers={"Accept-Encoding": "identity"})
        r = con.getresponse()
        r.read()
        if r.status != 200:
            raise SystemExit(f"reeldb answered {r.status} to {p}")
        times.append((time.perf_counter() - t) * 1000)
    con.close()
    times.sort()
    at = lambda f: times[min(len(times) - 1, int(f * len(times)))]  # noqa: E731
    return {"n": len(times), "p50": at(0.5), "p90": at(0.9), "p99": at(0.99)}


def wait_for_search(rdb: bench.Reeldb, path: str, timeout_s: float) -> float:
    """Seconds from reeldb's start until `path` answers 200 with results."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            r = bench.http_get(rdb.base + path, timeout=30)
            if r.status == 200 and b'"total_results":0' not in r.body:
                return time.monotonic() - rdb.t0
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"no search results for {path} within {timeout_s:.0f} s")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--binary", required=True)
    p.add_argument("--scale", default="small", choices=["tiny", "small", "tmdb"])
    p.add_argument("--engine", default="sqlite", choices=["sqlite", "postgres"])
    p.add_argument("--duration", type=int, default=10)
    p.add_argument("--connections", type=int, default=64)
    p.add_argument("--load-cpu", type=int, default=0)
    p.add_argument("--server-cpu", type=int, default=1)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--queries", type=int, default=2000, help="paths in each set")
    p.add_argument("--samples", type=int, default=25)
    p.add_argument("--alone", type=int, default=300, help="paths of each set timed one at a time")
    p.add_argument("--quiet-wait", type=float, default=30)
    p.add_argument("--index-timeout", type=float, default=1800, help="seconds the index build may take")
    p.add_argument("--no-results", action="store_true")
    p.add_argument("--commit")
    args = p.parse_args(argv)
    binary = str(Path(args.binary).resolve())

    cat = bench.Catalog(args)
    gen = cat.ensure(binary, args.seed)
    work = cat.dir / "search-run"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    index_dir = Path(cat.db + ".search") if cat.engine == "sqlite" else cat.dir / "search-index"
    shutil.rmtree(index_dir, ignore_errors=True)
    extra = ["--no-demo", "--response-cache-mb", "0", *bench.search_dir_args(cat)]

    rng = random.Random(args.seed)
    sets = {"search": search_paths(cat, args.queries, rng), "discover": discover_paths(args.queries, rng)}
    for name, ps in sets.items():
        (work / f"{name}.txt").write_text("".join(f"{x}\n" for x in ps))

    load_before = os.getloadavg()[0]
    own_cpus = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {args.load_cpu})
    results: dict = {}
    try:
        bench.log("starting reeldb on the catalog without a search index (it builds one)")
        rdb = bench.Reeldb(binary, cat.db, extra, "/3/configuration", work / "reeldb.log", args.server_cpu)
        probe = next(x for x in sets["search"] if x.startswith("/3/search/movie?") and "%20" in x)
        index_s = wait_for_search(rdb, probe, args.index_timeout)
        bench.log(f"searchable after {index_s:.1f} s")
        for name, ps in sets.items():
            bench.wait_for_quiet(args.quiet_wait)
            results[(name, "alone")] = service_times(rdb, ps, args.alone)
            a = results[(name, "alone")]
            bench.log(f"{name}, one request at a time ({a['n']}): p50 {a['p50']:.2f} ms, "
                      f"p90 {a['p90']:.2f} ms, p99 {a['p99']:.2f} ms")
            reps = representatives(rdb, ps, args.samples)
            # bench.Nginx wants a "hot" representative with an exact location: one no run requests.
            reps["hot"] = bench.Representative("hot", "/3/bench/unused", "text/plain", b"-", [1])
            ops = [bench.Op(r.op, route_of(r.path)) for r in reps.values() if r.op != "hot"]
            ngx = bench.Nginx(work / f"nginx-{name}", ops, reps, "1", args.server_cpu)
            try:
                for rep in reps.values():
                    if rep.op != "hot":
                        b = bench.http_get(ngx.base + rep.path)
                        if (b.status, b.body) != (200, rep.body):
                            raise SystemExit(f"nginx does not serve reeldb's bytes for {rep.path}")
                env = {**os.environ, "BENCH_PATHS": str(work / f"{name}.txt"), "BENCH_SEED": str(args.seed)}
                for server_name, srv in (("reeldb", rdb), ("nginx", ngx)):
                    bench.log(f"{name} on {server_name}: {args.duration} s, wrk -t1 -c{args.connections}")
                    bench.wait_for_quiet(args.quiet_wait)
                    r = bench.run_wrk(srv.base, srv, script=PATHS_LUA, env=env, threads=1,
                                      connections=args.connections, duration=args.duration, cpu=args.load_cpu)
                    bench.log(f"  {r['rps']:.0f} req/s, p50 {r['p50_ms']:.2f} ms, p99 {r['p99_ms']:.2f} ms, "
                              f"non-2xx {r['non2xx']}, wrk CPU {r['wrk_cpu'] * 100:.0f} %")
                    results[(name, server_name)] = r
                results[(name, "reps")] = reps
            finally:
                ngx.stop()
        peak = rdb.peak_rss_mib()
        rdb.stop()
    finally:
        os.sched_setaffinity(0, own_cpus)

    rows = ["| set | server | requests/s | p50 ms | p99 ms | non-2xx | socket errors | reeldb/nginx | wrk CPU "
            "| server CPU | other CPU |", "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name in sets:
        ratio = results[(name, "reeldb")]["rps"] / max(results[(name, "nginx")]["rps"], 1e-9)
        for server_name in ("reeldb", "nginx"):
            r = results[(name, server_name)]
            rows.append(f"| {name} | {server_name} | {r['rps']:.0f} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | "
                        f"{r['non2xx']} | {r['socket_errors']} | {f'{ratio:.2f}' if server_name == 'reeldb' else ''} | "
                        f"{r['wrk_cpu'] * 100:.0f} % | {r['server_cpu'] * 100:.0f} % | {r['other_cpu'] * 100:.0f} % |")
    reps_line = "; ".join(f"{rep.op} {len(rep.body)} B (sampled {min(rep.sizes)}-{max(rep.sizes)} B)"
                          for name in sets for rep in results[(name, "reps")].values() if rep.op != "hot")
    section = "\n".join([
        f"## search and discover, {args.scale} catalog on {args.engine}",
        "",
        f"- date: {dt.datetime.now(dt.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- machine: {bench.machine()}; 1-minute load average before the runs: {load_before:.2f}",
        f"- commit: {args.commit or bench.commit()}",
        f"- command: `bench/run.sh --search --scale {args.scale} --engine {args.engine} --duration {args.duration} "
        f"--connections {args.connections}`",
        f"- method: `bench/search.py` (its docstring): pinned, `taskset -c {args.load_cpu} wrk -t1 -c{args.connections}` "
        f"with `bench/paths.lua`, reeldb (`--response-cache-mb 0`: every request computed) and nginx "
        f"(`worker_processes 1`, one representative body per route) under `taskset -c {args.server_cpu}`",
        f"- sets: {args.queries} search paths (movie 30 %, tv 20 %, person 20 %, multi 30 %; whole names, first "
        f"words and prefixes of catalog titles and names) and {args.queries} discover paths (movie 60 %, tv 40 %; "
        "a genre, a date floor, a vote-count floor and one of four sorts)",
        "",
        *rows,
        "",
        "One request at a time (one kept-alive connection, the same sets' first paths; what a request "
        "costs without the queueing of 64 connections, where the wait is about 64 / throughput):",
        "",
        "| set | requests | p50 ms | p90 ms | p99 ms |",
        "|---|---:|---:|---:|---:|",
        *[f"| {name} | {results[(name, 'alone')]['n']} | {results[(name, 'alone')]['p50']:.2f} | "
          f"{results[(name, 'alone')]['p90']:.2f} | {results[(name, 'alone')]['p99']:.2f} |" for name in sets],
        "",
        f"- index build at start (no index on disk until searchable): {index_s:.1f} s",
        f"- reeldb peak RSS (VmHWM) while building and serving: {peak:.0f} MiB",
        f"- nginx's representatives: {reps_line}",
        f"- catalog: {cat.size()}; generated {gen['date']}",
    ])
    print(section)
    if not args.no_results:
        bench.update_results(f"search-{args.scale}-{args.engine}", section)
        bench.log(f"wrote {bench.RESULTS.relative_to(bench.REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
