#!/usr/bin/env python3
"""reeldb benchmark driver (run through bench/run.sh, which builds reeldb and installs wrk and nginx).

What it does, in order:

1. Generates the catalog once (cached under /var/tmp/reeldb-bench/<scale>-<engine>) and dumps its
   coordinates: one line per season with episodes, "<series_id> <season_number> <episode_count>"
   (the episode numbers follow when they are not 1..count). bench/wrk.lua loads that file and
   draws every mixed request from the whole catalog.
2. Starts reeldb (on PostgreSQL with a search index directory kept beside the cached catalog)
   and waits until its search index answers (a missing one is built at start, and must not
   share the core with a measured run); fetches a few random requests of every operation
   listed in bench/wrk.lua (all must answer 200) and keeps, per operation, the median-sized
   body as that operation's
   representative. nginx maps each operation's path pattern (a regex `location`) to its
   representative file, with reeldb's content type, so it does the same per-request work on the
   same request stream; the hot path gets its own exact `location`. The bytes nginx serves are
   checked against what reeldb served.
3. Runs, in each mode, `hot` (one episode-credits URL, no Lua script), `mixed` (bench/wrk.lua,
   response cache on at its default size) and `mixed-uncached` (`--response-cache-mb 0`) on reeldb
   and on nginx:
     pinned:   `taskset -c 0 wrk -t1`, reeldb and nginx (`worker_processes 1`) under `taskset -c 1`
     unpinned: no taskset, `wrk -t2`, nginx `worker_processes auto` (the old harness's setting)
   For each run it reports requests/s, p50/p99, non-2xx, socket errors, the reeldb/nginx ratio,
   wrk's own CPU share (its worker threads' CPU time over the run's wall time, so a figure near
   100 % per wrk thread means the load tool was the limit) and the server's CPU share; for the
   cached reeldb runs the response cache's hit rate from `GET /metrics`.
4. Measures peak RSS and time to first response (generated and demo catalogs), prints the tables
   and rewrites this scale and engine's section of bench/RESULTS.md.

Only 127.0.0.1 is contacted; every wrk run is bounded by --duration (and killed 60 s past it).
Python 3, standard library only.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import platform
import random
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench"
WRK_LUA = BENCH / "wrk.lua"
CACHE = Path("/var/tmp/reeldb-bench")
# Memory left beside a catalog read into the page cache: the server's RSS budget (2 GB,
# PRODUCT.md) and 1 GiB for wrk, nginx and the rest.
HEADROOM = 3 << 30
RESULTS = BENCH / "RESULTS.md"
DEMO_PATH = "/3/tv/93405/season/2/episode/1/credits"
CLK_TCK = os.sysconf("SC_CLK_TCK")
SCENARIOS = ("hot", "hot-quiet", "mixed", "mixed-uncached")
MODES = ("pinned", "unpinned")

# The "Method" block of bench/RESULTS.md, kept here so it always describes the code that wrote the figures.
METHOD = """\
## Method

- **Pinning.** The machine has 2 cores. On PostgreSQL the local database server is pinned to the
  server core with reeldb (it is part of the server under test), and its CPU counts as the server's. In the main (pinned) table the load tool and the server under
  test each get one: `taskset -c 0 wrk -t1 -c64`, and reeldb, or nginx with `worker_processes 1`,
  started under `taskset -c 1` (reeldb's runtime then sees one CPU). The driver pins itself to the load
  core too. On PostgreSQL the database server is the machine's own and is not pinned: its work shows
  under "other CPU". The second table repeats the same runs unpinned (`wrk -t2`, nginx `worker_processes auto`)
  to show the two-core figures.
- **Load tool headroom.** Each row shows wrk's own CPU share (its worker threads' CPU time over the
  run's wall time; 100 % is one core) and the server's. A pinned row whose wrk CPU is near 100 % was
  limited by wrk, not by the server. "Other CPU" is what the rest of the machine used meanwhile: this
  machine is shared with builds and tests, so before each run the driver waits (30 s at most) for it
  to go idle, measures a run again (twice at most, a cached reeldb restarted first) when other work
  took more than a quarter of a core during it, and keeps the least disturbed try; a row whose
  "other CPU" is still high is not to be trusted.
- **Hot.** One URL, the first episode's credits (`wrk ... http://127.0.0.1:PORT/3/tv/1/season/1/episode/1/credits`
  on generated catalogs), with no Lua script, on both servers (reeldb runs with `--no-auth`; nginx
  serves reeldb's bytes for that path from an exact `location`). reeldb runs with its default
  logging (one INFO line per request, to a file); `hot-quiet` repeats its hot run with
  `REELDB_LOG=warn` to show what the request log costs.
- **Warm-up.** Before each table's runs, the driver reads the catalog's files (the SQLite file, or
  the PostgreSQL database's directory when the server runs on this machine) and the search index
  through when they fit in the memory available with 3 GiB beside them, again after dropping
  the clean page cache (as root) when the first pass left pages out (a build or test run before
  the bench can push part of a 15 GB catalog out of the page cache, and the server then waits on
  the disk), and reports with `fincore` how much of them was resident before and after the runs
  (a tmdb PostgreSQL catalog, 28 GB, does not fit a 24 GiB machine: its share shows how much of
  a run could come from memory);
  then an unrecorded mixed run (another seed) against reeldb without its response cache warms
  the rest (PostgreSQL's buffers).
- **Mixed.** `bench/wrk.lua` on both servers: its `init` loads the catalog's coordinates (one line per
  season with its episode count, dumped from the database by the driver), and each `request()` draws a
  random season of the **whole** catalog, a random episode within it, and a random operation from the
  table `OPS` (episode details with `append_to_response=credits,images`, episode credits, season
  details, season aggregate_credits, episode external_ids, episode images). Same seed, same stream on
  both servers. `mixed` runs with the response cache at its default size (256 MB), `mixed-uncached` with
  `--response-cache-mb 0`; the cached run's hit rate comes from `reeldb_response_cache_hits_total` and
  `reeldb_response_cache_misses_total` on `GET /metrics`, read before and after the run.
- **nginx baseline.** nginx serves static files and cannot hold one per path over millions of ids, so
  each operation's path pattern is a regex `location` that serves one representative body of that
  operation captured from reeldb (the median-sized of a few random requests, same bytes, same
  content type); the driver checks the bytes nginx serves against reeldb's. nginx thus does the same
  per-request work (parse, location match, send a body of that kind) on the same request stream.
- **Why the figures changed.** The previous harness ran wrk with a Lua `request()` on both cores
  beside the servers, and never measured wrk: the load tool competed with the server for the same
  cores and could be the ceiling unseen, which held nginx back and flattered the reeldb/nginx ratios. Its mixed
  runs also cycled through a fixed list of 2,000 paths, which all fit in reeldb's response cache, so
  nearly every "mixed" request was a cache hit; drawn from the whole catalog, most are misses (see the
  hit rate). Sections marked "old harness" below were measured that way and are not comparable.
"""


def generator_version() -> str:
    """A hash of what decides a generated catalog (the generator's sources and data, and the
    migrations), so a cached catalog from an older generator is generated again."""
    import hashlib
    h = hashlib.sha256()
    files = sorted((REPO / "crates/reeldb-generate").rglob("*")) + sorted(
        (REPO / "crates/reeldb-store/migrations").glob("*"))
    for f in files:
        if f.is_file() and "tests" not in f.relative_to(REPO).parts:
            h.update(str(f.relative_to(REPO)).encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:16]


def log(msg: str) -> None:
    print(f"[bench] {msg}", flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclasses.dataclass
class Response:
    status: int
    content_type: str
    body: bytes


def search_dir_args(cat: "Catalog") -> list[str]:
    """The search index's directory for a catalog: SQLite keeps it beside the file (reeldb's
    default); PostgreSQL's default is the working directory, so the bench keeps one per cached
    catalog instead (bench/search.py uses the same directory)."""
    return ["--search-dir", str(cat.dir / "search-index")] if cat.engine == "postgres" else []


def wait_for_index(srv: "Reeldb", timeout_s: float) -> None:
    """Waits until a search answers 200 (503 while the index is built; each such request
    waits up to 5 s in reeldb)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if http_get(srv.base + "/3/search/movie?query=a", timeout=30).status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"reeldb's search index was not ready within {timeout_s:.0f} s")


def http_get(url: str, timeout: float = 30.0) -> Response:
    req = urllib.request.Request(url, headers={"Accept-Encoding": "identity"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return Response(r.status, r.headers.get("Content-Type", ""), r.read())
    except urllib.error.HTTPError as e:
        return Response(e.code, e.headers.get("Content-Type", ""), e.read())


def proc_cpu_seconds(stat_path: str) -> float:
    """utime + stime of a process or thread, from /proc/.../stat."""
    with open(stat_path) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def postgres_pids() -> list[int]:
    """Every process of the local PostgreSQL server (postmaster, backends, helpers)."""
    out = subprocess.run(["pgrep", "-x", "postgres"], capture_output=True, text=True).stdout
    return [int(x) for x in out.split()]


def pin_postgres(cpu: int | None) -> None:
    """Pins the local PostgreSQL server (all its threads; backends forked later inherit the
    postmaster's mask) to `cpu`, or back to every CPU with None. On PostgreSQL the server under
    test is reeldb *and* the database, so both share the server core."""
    cpus = str(cpu) if cpu is not None else f"0-{os.cpu_count() - 1}"
    for pid in postgres_pids():
        subprocess.run(["taskset", "-a", "-p", "-c", cpus, str(pid)], capture_output=True)


def postgres_cpu_seconds() -> float:
    total = 0.0
    for pid in postgres_pids():
        try:
            total += proc_cpu_seconds(f"/proc/{pid}/stat")
        except OSError:
            pass
    return total


def machine_busy_seconds() -> float:
    """CPU time all cores spent running tasks since boot, from the first line of /proc/stat: user,
    nice, system and steal. Interrupt time (irq, softirq) is left out: the loopback traffic of the
    run itself lands there, not in any process's time."""
    with open("/proc/stat") as f:
        user, nice, system, _idle, _iowait, _irq, _softirq, steal = (int(x) for x in f.readline().split()[1:9])
    return (user + nice + system + steal) / CLK_TCK


def wait_for_quiet(max_s: float, threshold: float = 0.15) -> None:
    """Waits (at most max_s) until the machine is nearly idle for one second: other work on this
    shared machine (builds, tests) would skew the next run. Goes on anyway after max_s."""
    deadline = time.monotonic() + max_s
    while True:
        busy0 = machine_busy_seconds()
        time.sleep(1.0)
        busy = machine_busy_seconds() - busy0
        if busy < threshold or time.monotonic() >= deadline:
            if busy >= threshold:
                log(f"  the machine is still busy ({busy * 100:.0f} % of a core); running anyway")
            return


def meminfo_kib(field: str) -> int:
    """A field of /proc/meminfo, in KiB (0 when it is not there)."""
    for line in Path("/proc/meminfo").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name == field:
            return int(rest.split()[0])
    return 0


def taskset(cpu: int | None) -> list[str]:
    return ["taskset", "-c", str(cpu)] if cpu is not None else []


# --- operations (read from bench/wrk.lua) --------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Op:
    name: str
    template: str  # e.g. /3/tv/{series}/season/{season}/episode/{episode}/credits

    def path(self, coord: tuple[int, int, int, int, int]) -> str:
        series, season, episode, person, movie = coord
        return self.template.format(series=series, season=season, episode=episode, person=person, movie=movie)

    def route(self) -> str:
        """The template's path without its query string."""
        return self.template.split("?", 1)[0]

    def regex(self) -> str:
        """An anchored regex for this operation's paths, valid in Python and in nginx (PCRE)."""
        parts = re.split(r"\{\w+\}", self.route())
        return "^" + "[0-9]+".join(re.escape(p) for p in parts) + "$"


def load_ops() -> list[Op]:
    """The OPS table of bench/wrk.lua: its op("name", "template") lines."""
    ops = [Op(m.group(1), m.group(2))
           for m in re.finditer(r'^\s*op\("(\w+)",\s*"([^"]+)"\)', WRK_LUA.read_text(), re.M)]
    if not ops:
        raise SystemExit(f"no op(...) lines found in {WRK_LUA}")
    routes = [o.route() for o in ops]
    if len(set(routes)) != len(routes):
        raise SystemExit("two operations in bench/wrk.lua share a path (nginx maps on the path alone)")
    unknown = {k for o in ops for k in re.findall(r"\{(\w+)\}", o.template)} - {"series", "season", "episode", "person", "movie"}
    if unknown:
        raise SystemExit(f"bench/bench.py cannot draw {sorted(unknown)} yet: add their coordinates")
    # Each operation's sample path must match its own regex and no other.
    for o in ops:
        sample = o.path((11, 2, 3, 4, 5)).split("?", 1)[0]
        hits = [x.name for x in ops if re.match(x.regex(), sample)]
        if hits != [o.name]:
            raise SystemExit(f"operation {o.name}: its path {sample} matches {hits}")
    return ops


# --- catalog -------------------------------------------------------------------------------------

class Catalog:
    def __init__(self, args: argparse.Namespace):
        self.engine = args.engine
        self.scale = args.scale
        self.dir = CACHE / f"{args.scale}-{args.engine}"
        self.dir.mkdir(parents=True, exist_ok=True)
        if self.engine == "sqlite":
            self.db = str(self.dir / "catalog.db")
        else:
            admin = os.environ.get("REELDB_BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
            self.admin = admin
            base = admin.rsplit("/", 1)[0]
            self.dbname = f"reeldb_bench_{args.scale}"
            self.db = f"{base}/{self.dbname}"

    def psql(self, sql: str, url: str | None = None) -> str:
        out = subprocess.run(["psql", url or self.db, "-v", "ON_ERROR_STOP=1", "-Atq", "-c", sql],
                             check=True, capture_output=True, text=True)
        return out.stdout

    def ensure(self, binary: str, seed: int) -> dict:
        stamp = self.dir / "generate.json"
        if stamp.exists():
            info = json.loads(stamp.read_text())
            if info.get("seed") == seed and info.get("generator") == generator_version():
                log(f"reusing the cached {self.scale} catalog ({self.db})")
                return info
        log(f"generating the {self.scale} catalog on {self.engine} (seed {seed}), once")
        if self.engine == "sqlite":
            for suffix in ("", "-wal", "-shm"):
                Path(self.db + suffix).unlink(missing_ok=True)
        else:
            self.psql(f"DROP DATABASE IF EXISTS {self.dbname}", self.admin)
            self.psql(f"CREATE DATABASE {self.dbname}", self.admin)
        t0 = time.monotonic()
        out = subprocess.run(["nice", binary, "generate", "--db", self.db, "--scale", self.scale,
                              "--seed", str(seed)], check=True, stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "REELDB_LOG": "warn"})
        wall = time.monotonic() - t0
        print(out.stdout, end="")
        m = re.search(r": (\d+) rows in ([\d.]+) s \((\d+) rows/s\)", out.stdout)
        info = {
            "seed": seed,
            "generator": generator_version(),
            "wall_s": round(wall, 1),
            "rows": int(m.group(1)) if m else None,
            "load_s": float(m.group(2)) if m else None,
            "rows_per_s": int(m.group(3)) if m else None,
            "summary": out.stdout.strip(),
            "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        }
        stamp.write_text(json.dumps(info, indent=1))
        return info

    def files(self) -> list[Path]:
        """The catalog's files the servers read: the SQLite file, or the PostgreSQL database's
        directory under the server's data directory (readable when PostgreSQL runs on this
        machine and this user may read it), and the search index."""
        if self.engine == "sqlite":
            data = [Path(self.db)]
            index = Path(self.db + ".search")
        else:
            try:
                root, oid = self.psql("SHOW data_directory; SELECT oid FROM pg_database "
                                      "WHERE datname = current_database()").split()
                base = Path(root) / "base" / oid
                data = sorted(f for f in base.iterdir() if f.is_file())
            except (subprocess.CalledProcessError, ValueError, OSError):
                return []
            index = self.dir / "search-index"
        return data + (sorted(f for f in index.iterdir() if f.is_file()) if index.is_dir() else [])

    def resident(self) -> float | None:
        """The share of the catalog's bytes (see `files`) in the operating system's page cache
        (`fincore`); None when not known (PostgreSQL's files out of reach, or no fincore).
        PostgreSQL's own buffers are not counted: they hold copies of the same pages."""
        files = self.files()
        if not files or shutil.which("fincore") is None:
            return None
        out = subprocess.run(["fincore", "-b", "-n", "-o", "RES,SIZE", *map(str, files)],
                             capture_output=True, text=True)
        pairs = [line.split() for line in out.stdout.splitlines() if len(line.split()) == 2]
        # fincore counts whole pages; a file's last page is partly past its size.
        page = os.sysconf("SC_PAGE_SIZE")
        size = sum(-(-int(b) // page) * page for _, b in pairs)
        return sum(int(a) for a, _ in pairs) / size if size else None

    def warm_page_cache(self) -> None:
        """Reads the catalog's files through once when they fit in the memory available, so that
        the runs measure reads from memory whatever the machine did before (a build or a test
        run pushes part of a 15 GB catalog out, and the server then waits on the disk)."""
        files = self.files()
        total = sum(f.stat().st_size for f in files)
        avail = meminfo_kib("MemAvailable") * 1024
        if not files or total + HEADROOM > avail:
            if files:
                log(f"the catalog ({total / 2**30:.1f} GiB) and {HEADROOM / 2**30:.0f} GiB beside it do not fit "
                    f"in the memory available ({avail / 2**30:.1f} GiB); not read ahead")
            return
        t0 = time.monotonic()
        # The kernel keeps pages read twice (another catalog's, say) before pages read once, so a
        # pass can leave pages out: then, as root, the clean page cache is dropped and the files
        # read again (a second pass alone left 11 % of a 17.8 GiB catalog out after a 31 GiB one).
        for attempt in range(2):
            for f in files:
                with open(f, "rb") as fh:
                    while fh.read(1 << 24):
                        pass
            share = self.resident()
            if share is None or share >= 0.99 or attempt == 1 or os.geteuid() != 0:
                break
            log(f"{share * 100:.1f} % resident after reading the catalog; dropping the page cache and reading again")
            os.sync()
            Path("/proc/sys/vm/drop_caches").write_text("1\n")
        log(f"read the catalog ({total / 2**30:.1f} GiB) into the page cache in {time.monotonic() - t0:.0f} s"
            + (f"; {share * 100:.1f} % resident" if share is not None else ""))

    def size(self) -> str:
        if self.engine == "sqlite":
            return f"{os.path.getsize(self.db) / 2**20:.0f} MiB (SQLite file)"
        return self.psql(f"SELECT pg_size_pretty(pg_database_size('{self.dbname}'))").strip()

    def hot_path(self) -> str:
        """The first episode's credits: the one URL of the hot run."""
        sql = "SELECT series_id, season_number, episode_number FROM tv_episode ORDER BY id LIMIT 1"
        if self.engine == "sqlite":
            con = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)
            try:
                s, n, e = con.execute(sql).fetchone()
            finally:
                con.close()
        else:
            s, n, e = (int(v) for v in self.psql(sql).strip().split("|"))
        return f"/3/tv/{s}/season/{n}/episode/{e}/credits"

    def _season_rows(self):
        """(series_id, season_number, "e1,e2,...") for every season that has episodes."""
        if self.engine == "sqlite":
            con = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)
            try:
                yield from con.execute(
                    "SELECT series_id, season_number, group_concat(episode_number) FROM tv_episode "
                    "GROUP BY series_id, season_number ORDER BY series_id, season_number")
            finally:
                con.close()
        else:
            sql = ("SELECT series_id, season_number, string_agg(episode_number::text, ',' ORDER BY episode_number) "
                   "FROM tv_episode GROUP BY series_id, season_number ORDER BY series_id, season_number")
            with subprocess.Popen(["psql", self.db, "-v", "ON_ERROR_STOP=1", "-Atq", "-F", "|", "-c", sql],
                                  stdout=subprocess.PIPE, text=True) as p:
                assert p.stdout is not None
                for line in p.stdout:
                    s, n, eps = line.rstrip("\n").split("|")
                    yield int(s), int(n), eps
            if p.returncode != 0:
                raise SystemExit("psql failed while dumping the coordinates")

    def _ids(self, table: str):
        """Every id of `table` (person, movie), in id order."""
        sql = f"SELECT id FROM {table} ORDER BY id"
        if self.engine == "sqlite":
            con = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)
            try:
                yield from (r[0] for r in con.execute(sql))
            finally:
                con.close()
        else:
            with subprocess.Popen(["psql", self.db, "-v", "ON_ERROR_STOP=1", "-Atq", "-c", sql],
                                  stdout=subprocess.PIPE, text=True) as p:
                assert p.stdout is not None
                yield from (int(line) for line in p.stdout)
            if p.returncode != 0:
                raise SystemExit(f"psql failed while dumping the {table} ids")

    def dump_ids(self, table: str, path: Path) -> list:
        """Writes an id file bench/wrk.lua loads (BENCH_PEOPLE for `person`, BENCH_MOVIES for
        `movie`: one id a line); returns the ids."""
        t0 = time.monotonic()
        ids = list(self._ids(table))
        if not ids:
            raise SystemExit(f"the catalog has no {table} rows")
        path.write_text("".join(f"{i}\n" for i in ids))
        log(f"{table}: {len(ids)} ids, {path.stat().st_size / 2**20:.1f} MiB, "
            f"dumped in {time.monotonic() - t0:.1f} s")
        return ids

    def dump_coords(self, path: Path) -> tuple[list, dict]:
        """Writes the coordinates file bench/wrk.lua loads; returns the seasons (for drawing samples
        here) as (series_id, season_number, count, episode numbers or None when 1..count)."""
        t0 = time.monotonic()
        seasons = []
        episodes = irregular = 0
        with open(path, "w") as f:
            for series_id, season_number, eps in self._season_rows():
                numbers = sorted(int(x) for x in str(eps).split(","))
                n = len(numbers)
                episodes += n
                if numbers == list(range(1, n + 1)):
                    f.write(f"{series_id} {season_number} {n}\n")
                    seasons.append((series_id, season_number, n, None))
                else:
                    irregular += 1
                    f.write(f"{series_id} {season_number} {n} {' '.join(map(str, numbers))}\n")
                    seasons.append((series_id, season_number, n, numbers))
        if not seasons:
            raise SystemExit("the catalog has no episodes")
        info = {"seasons": len(seasons), "episodes": episodes, "irregular": irregular,
                "bytes": path.stat().st_size, "dump_s": time.monotonic() - t0}
        log(f"coordinates: {info['seasons']} seasons, {episodes} episodes ({irregular} not numbered 1..n), "
            f"{info['bytes'] / 2**20:.1f} MiB, dumped in {info['dump_s']:.1f} s")
        return seasons, info


@dataclasses.dataclass
class Coords:
    """What the mixed draw picks from: every season with episodes, every person and every movie."""
    seasons: list
    people: list
    movies: list


def draw(coords: Coords, rng: random.Random) -> tuple[int, int, int, int, int]:
    """A random (series, season, episode), a random person and a random movie, drawn the way
    bench/wrk.lua draws them."""
    series_id, season_number, n, numbers = coords.seasons[rng.randrange(len(coords.seasons))]
    e = rng.randrange(n)
    person = coords.people[rng.randrange(len(coords.people))]
    movie = coords.movies[rng.randrange(len(coords.movies))]
    return series_id, season_number, numbers[e] if numbers else e + 1, person, movie


# --- servers -------------------------------------------------------------------------------------

class Reeldb:
    def __init__(self, binary: str, db: str, extra: list[str], probe: str, logfile: Path, cpu: int | None = None,
                 log_level: str | None = None):
        self.t0 = time.monotonic()
        # On PostgreSQL the database's work is part of the server's (see pin_postgres).
        self.with_postgres = db.startswith("postgres")
        self.proc = subprocess.Popen([*taskset(cpu), binary, "serve", "--db", db, "--listen", "127.0.0.1:0",
                                      "--no-auth", *extra],
                                     stdout=subprocess.PIPE, stderr=open(logfile, "w"), text=True,
                                     # Default logging (one INFO line per request, as users run it) unless
                                     # a level is given; the hot-quiet run uses `warn` to show its cost.
                                     env={k: v for k, v in os.environ.items() if k != "REELDB_LOG"}
                                     | ({"REELDB_LOG": log_level} if log_level else {}))
        self.base = None
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            m = re.search(r"on (http://127\.0\.0\.1:\d+)", line)
            if m:
                self.base = m.group(1)
                break
        if self.base is None:
            raise SystemExit(f"reeldb did not start; see {logfile}")
        threading.Thread(target=self.proc.stdout.read, daemon=True).start()
        deadline = time.monotonic() + 120
        while True:
            try:
                if http_get(self.base + probe, timeout=5).status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit(f"no 200 from {probe} within 120 s")
            time.sleep(0.005)
        self.first_response_s = time.monotonic() - self.t0

    def cpu_seconds(self) -> float:
        own = proc_cpu_seconds(f"/proc/{self.proc.pid}/stat")
        return own + (postgres_cpu_seconds() if self.with_postgres else 0.0)

    def peak_rss_mib(self) -> float:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def cache_counters(self) -> tuple[int, int] | None:
        """(hits, misses) of the response cache from GET /metrics, or None if it has no /metrics."""
        try:
            r = http_get(self.base + "/metrics", timeout=10)
        except OSError:
            return None
        if r.status != 200:
            return None
        found: dict[str, int] = {}
        for line in r.body.decode("utf-8", "replace").splitlines():
            m = re.match(r"(reeldb_response_cache_(?:hits|misses)_total)(?:\{[^}]*\})?\s+([0-9.eE+-]+)", line)
            if m:
                found[m.group(1)] = found.get(m.group(1), 0) + int(float(m.group(2)))
        if len(found) != 2:
            return None
        return found["reeldb_response_cache_hits_total"], found["reeldb_response_cache_misses_total"]

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


@dataclasses.dataclass
class Representative:
    op: str
    path: str
    content_type: str
    body: bytes
    sizes: list[int]  # body sizes of the sampled requests


def capture_representatives(rdb: Reeldb, ops: list[Op], seasons: Coords, hot: str, samples: int,
                            seed: int) -> dict[str, Representative]:
    """Per operation, `samples` random requests to reeldb (each must be 200); the median-sized body is
    the operation's representative. The hot path's own body is kept under the name "hot"."""
    rng = random.Random(seed)
    reps = {}
    for o in ops:
        got = []
        for _ in range(samples):
            path = o.path(draw(seasons, rng))
            r = http_get(rdb.base + path)
            if r.status != 200:
                raise SystemExit(f"reeldb answered {r.status} to {path}: the coordinates or OPS are wrong\n"
                                 f"{r.body[:300]!r}")
            got.append((len(r.body), path, r))
        got.sort(key=lambda x: x[0])
        _, path, r = got[len(got) // 2]
        reps[o.name] = Representative(o.name, path, r.content_type, r.body, [g[0] for g in got])
    r = http_get(rdb.base + hot)
    if r.status != 200:
        raise SystemExit(f"reeldb answered {r.status} to the hot path {hot}")
    reps["hot"] = Representative("hot", hot, r.content_type, r.body, [len(r.body)])
    return reps


class Nginx:
    """nginx serving, for each operation's path pattern, that operation's representative body."""

    def __init__(self, workdir: Path, ops: list[Op], reps: dict[str, Representative], workers: str,
                 cpu: int | None = None):
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        self.port = free_port()
        shutil.rmtree(workdir, ignore_errors=True)
        static = workdir / "static"
        static.mkdir(parents=True)
        (workdir / "tmp").mkdir()
        for rep in reps.values():
            (static / f"{rep.op}.body").write_bytes(rep.body)
        q = lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'  # noqa: E731
        hot = reps["hot"]
        # The hot path's exact location wins over the regex ones; the rest map by operation.
        locations = [f"    location = {hot.path.split('?')[0]} {{ default_type {q(hot.content_type)}; "
                     f"rewrite ^ /hot.body break; }}"]
        for o in ops:
            rep = reps[o.name]
            locations.append(f"    location ~ {q(o.regex())} {{ default_type {q(rep.content_type)}; "
                             f"rewrite ^ /{o.name}.body break; }}")
        locations.append("    location / { return 404; }")
        conf = workdir / "nginx.conf"
        conf.write_text(f"""
worker_processes {workers};
pid {workdir}/nginx.pid;
error_log {workdir}/error.log warn;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  types {{ }}
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_requests 10000000;
  keepalive_timeout 65;
  open_file_cache max=100 inactive=120s;
  open_file_cache_valid 120s;
  client_body_temp_path {workdir}/tmp;
  proxy_temp_path {workdir}/tmp;
  fastcgi_temp_path {workdir}/tmp;
  uwsgi_temp_path {workdir}/tmp;
  scgi_temp_path {workdir}/tmp;
  server {{
    listen 127.0.0.1:{self.port};
    root {static};
{chr(10).join(locations)}
  }}
}}
""")
        self.proc = subprocess.Popen([*taskset(cpu), nginx, "-p", str(workdir), "-c", str(conf),
                                      "-e", str(workdir / "error.log"), "-g", "daemon off;"])
        self.base = f"http://127.0.0.1:{self.port}"
        for _ in range(500):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.01)
        else:
            raise SystemExit(f"nginx did not start; see {workdir}/error.log")
        time.sleep(0.2)  # let the workers fork
        self.pids = [self.proc.pid] + self._children()

    def _children(self) -> list[int]:
        kids = []
        for d in os.listdir("/proc"):
            if d.isdigit():
                try:
                    with open(f"/proc/{d}/stat") as f:
                        if int(f.read().rsplit(")", 1)[1].split()[1]) == self.proc.pid:
                            kids.append(int(d))
                except (OSError, IndexError, ValueError):
                    pass
        return kids

    def cpu_seconds(self) -> float:
        total = 0.0
        for pid in self.pids:
            try:
                total += proc_cpu_seconds(f"/proc/{pid}/stat")
            except OSError:
                pass
        return total

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def verify_nginx(ngx: Nginx, rdb: Reeldb, ops: list[Op], reps: dict[str, Representative], seasons: Coords,
                 seed: int) -> None:
    """nginx must serve exactly reeldb's bytes and content type for each representative path, and the
    same representative for any other path of that operation; other paths must be 404."""
    rng = random.Random(seed + 1)
    for rep in reps.values():
        a, b = http_get(rdb.base + rep.path), http_get(ngx.base + rep.path)
        if a.status != 200 or a.body != rep.body:
            raise SystemExit(f"reeldb no longer serves the captured bytes for {rep.path}")
        if (b.status, b.content_type, b.body) != (200, rep.content_type, rep.body):
            raise SystemExit(f"nginx differs from reeldb on {rep.path}: {b.status} {b.content_type!r} "
                             f"{len(b.body)} bytes vs 200 {rep.content_type!r} {len(rep.body)} bytes")
    for o in ops:
        path = o.path(draw(seasons, rng))
        b = http_get(ngx.base + path)
        if path.split("?")[0] != reps["hot"].path and (b.status, b.body) != (200, reps[o.name].body):
            raise SystemExit(f"nginx does not map {path} to the {o.name} representative ({b.status})")
    if http_get(ngx.base + "/3/not/an/operation").status != 404:
        raise SystemExit("nginx answers paths outside the operations")


# --- wrk -----------------------------------------------------------------------------------------

_TIME_UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}


def _seconds(text: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text)
    if not m:
        raise ValueError(f"not a wrk duration: {text}")
    return float(m.group(1)) * _TIME_UNITS[m.group(2)]


def parse_wrk(out: str) -> dict:
    """wrk's text summary (run with --latency) as numbers."""
    m = re.search(r"(\d+) requests in ([\d.]+\w+), ", out)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    p50 = re.search(r"^\s+50%\s+([\d.]+\w+)", out, re.M)
    p99 = re.search(r"^\s+99%\s+([\d.]+\w+)", out, re.M)
    if not (m and rps and p50 and p99):
        raise SystemExit(f"cannot read wrk's output:\n{out}")
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "requests": int(m.group(1)),
        "runtime_s": _seconds(m.group(2)),
        "rps": float(rps.group(1)),
        "p50_ms": _seconds(p50.group(1)) * 1e3,
        "p99_ms": _seconds(p99.group(1)) * 1e3,
        "socket_errors": sum(int(x) for x in sock.groups()) if sock else 0,
        "non2xx": int(non2xx.group(1)) if non2xx else 0,
        "load": [json.loads(x) for x in re.findall(r"^BENCHLOAD (\{.*\})$", out, re.M)],
    }


def run_wrk(url: str, server, *, script: Path | None, env: dict, threads: int, connections: int,
            duration: int, cpu: int | None) -> dict:
    """One bounded wrk run. Besides wrk's figures, measures wrk's CPU share and the server's.

    wrk's CPU share: wrk runs `init` (the coordinate load) on its main thread before it starts its
    worker threads, then sleeps until the end; so the workers' CPU time is the process's total
    (from wait4) minus the main thread's, sampled while the workers are alive.
    Other CPU: what the whole machine was busy with besides wrk, the server and this driver over the
    same window (other work on the machine skews a run; this shows when it did).
    """
    cmd = [*taskset(cpu), "wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "5s",
           "--latency", *(["-s", str(script)] if script else []), url]
    server_cpu0, busy0, own0, wall0 = server.cpu_seconds(), machine_busy_seconds(), os.times(), time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    main_cpu = 0.0
    deadline = time.monotonic() + duration + 60
    while True:
        pid, status, rusage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            proc.kill()
            pid, status, rusage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            raise SystemExit(f"wrk did not finish within {duration + 60} s: {' '.join(cmd)}")
        try:
            if len(os.listdir(f"/proc/{proc.pid}/task")) > 1:
                main_cpu = proc_cpu_seconds(f"/proc/{proc.pid}/task/{proc.pid}/stat")
        except OSError:
            pass
        time.sleep(0.02)
    server_cpu = server.cpu_seconds() - server_cpu0
    busy, own, wall = machine_busy_seconds() - busy0, os.times(), time.monotonic() - wall0
    own_cpu = own.user + own.system - own0.user - own0.system
    wrk_total = rusage.ru_utime + rusage.ru_stime
    proc.returncode = os.waitstatus_to_exitcode(status)
    out, err = proc.stdout.read(), proc.stderr.read()  # type: ignore[union-attr]
    if proc.returncode != 0:
        raise SystemExit(f"wrk failed ({proc.returncode}): {' '.join(cmd)}\n{out}\n{err}")
    r = parse_wrk(out)
    r["wrk_cpu"] = (rusage.ru_utime + rusage.ru_stime - main_cpu) / r["runtime_s"]
    r["server_cpu"] = server_cpu / r["runtime_s"]
    r["other_cpu"] = max(0.0, busy - wrk_total - server_cpu - own_cpu) / wall
    return r


# --- runs ----------------------------------------------------------------------------------------

def run_mode(mode: str, args, binary: str, cat: Catalog, ops: list[Op], seasons: Coords, hot: str,
             work: Path, state: dict) -> dict:
    """hot, mixed and mixed-uncached on reeldb and nginx in one mode; returns {(scenario, server): run}."""
    pinned = mode == "pinned"
    load_cpu = args.load_cpu if pinned else None
    server_cpu = args.server_cpu if pinned else None
    threads = 1 if pinned else args.threads
    env = {**os.environ, "BENCH_COORDS": str(work / "coords.txt"), "BENCH_PEOPLE": str(work / "people.txt"),
           "BENCH_MOVIES": str(work / "movies.txt"),
           "BENCH_SEED": str(args.seed)}
    results: dict = {}
    servers: dict = {}  # "reeldb" (response cache on), "reeldb-nocache", "nginx"

    def start_reeldb(key: str) -> Reeldb:
        if key in servers:  # a restart: keep the old process's peak RSS
            state["peak_rss"] = max(state.get("peak_rss", 0.0), servers[key].peak_rss_mib())
            servers.pop(key).stop()
            log(f"restarting {key} ({mode}) with an empty response cache")
        extra = ["--no-demo"] + (["--response-cache-mb", "0"] if key == "reeldb-nocache" else [])
        extra += search_dir_args(cat)
        srv = Reeldb(binary, cat.db, extra, hot, work / f"{key}-{mode}.log", server_cpu,
                     log_level="warn" if key == "reeldb-quiet" else None)
        servers[key] = srv
        return srv

    def one(scenario: str, name: str, key: str) -> None:
        """One measurement, repeated (at most --retries times) while other work on the machine
        disturbed it; the least disturbed attempt is kept. A cached reeldb is restarted before a
        repeated mixed run so that every attempt starts from an empty response cache."""
        plain = scenario in ("hot", "hot-quiet")  # one plain URL, no Lua
        script = None if plain else WRK_LUA
        best = None
        for attempt in range(args.retries + 1):
            if attempt and key == "reeldb" and scenario == "mixed":
                start_reeldb(key)
            srv = servers[key]
            url = srv.base + hot if plain else srv.base
            log(f"{mode} {scenario} on {name}: {args.duration} s, wrk -t{threads} -c{args.connections}"
                + (f", wrk on CPU {load_cpu}, server on CPU {server_cpu}" if pinned else "")
                + (f" (try {attempt + 1})" if attempt else ""))
            wait_for_quiet(args.quiet_wait)
            counted = key == "reeldb"
            before = srv.cache_counters() if counted else None
            r = run_wrk(url, srv, script=script, env=env, threads=threads, connections=args.connections,
                        duration=args.duration, cpu=load_cpu)
            after = srv.cache_counters() if before is not None else None
            if name == "reeldb":
                r["cache"] = ((after[0] - before[0], after[1] - before[1]) if before and after
                              else None if counted else "off")
            log(f"  {r['rps']:.0f} req/s, p99 {r['p99_ms']:.2f} ms, wrk CPU {r['wrk_cpu'] * 100:.0f} %, "
                f"{name} CPU {r['server_cpu'] * 100:.0f} %, other CPU {r['other_cpu'] * 100:.0f} %, "
                f"non-2xx {r['non2xx']}, socket errors {r['socket_errors']}")
            if best is None or r["other_cpu"] < best["other_cpu"]:
                best = r
            if r["other_cpu"] <= args.disturbed:
                break
            if attempt < args.retries:
                log(f"  disturbed by other work (other CPU above {args.disturbed * 100:.0f} %): measuring again")
        best["tries"] = attempt + 1
        results[(scenario, name)] = best

    if cat.engine == "postgres":
        pin_postgres(server_cpu)
    try:
        # Warm-up, not recorded: the mixed draw (another seed) against a reeldb without response
        # cache, so the operating system's page cache (and PostgreSQL's buffers) hold what the
        # measured runs read. Without it the first measured run after a generation read from disk.
        cat.warm_page_cache()
        state.setdefault("resident", {})[mode] = [cat.resident()]
        warm = start_reeldb("reeldb-nocache")
        # A catalog without a current search index gets one built at start: wait for it, so that
        # no measured run shares the core with the build.
        log(f"{mode}: waiting for reeldb's search index (built at start when missing)")
        wait_for_index(warm, 1800)
        log(f"{mode} warm-up: {args.duration} s of the mixed draw, not recorded")
        run_wrk(warm.base, warm, script=WRK_LUA, env={**env, "BENCH_SEED": str(args.seed + 1000)},
                threads=threads, connections=args.connections, duration=args.duration, cpu=load_cpu)
        servers.pop("reeldb-nocache").stop()
        rdb = start_reeldb("reeldb")
        state.setdefault("first_response_s", rdb.first_response_s)
        log(f"reeldb ({mode}) answered its first request after {rdb.first_response_s * 1000:.0f} ms")
        if "reps" not in state:
            log(f"capturing nginx's representatives: {args.samples} random requests per operation")
            state["reps"] = capture_representatives(rdb, ops, seasons, hot, args.samples, args.seed)
        reps = state["reps"]
        ngx = servers["nginx"] = Nginx(work / f"nginx-{mode}", ops, reps, "1" if pinned else "auto", server_cpu)
        verify_nginx(ngx, rdb, ops, reps, seasons, args.seed)
        log(f"nginx ({mode}, {len(ngx.pids) - 1} worker(s)) serves reeldb's bytes for every representative")

        for scenario in ("hot", "mixed"):
            one(scenario, "reeldb", "reeldb")
            one(scenario, "nginx", "nginx")
            if scenario == "hot":
                # The same hot run with request logging off (REELDB_LOG=warn): what logging costs.
                start_reeldb("reeldb-quiet")
                one("hot-quiet", "reeldb", "reeldb-quiet")
                servers.pop("reeldb-quiet").stop()
        state["peak_rss"] = max(state.get("peak_rss", 0.0), servers["reeldb"].peak_rss_mib())
        servers.pop("reeldb").stop()

        log(f"starting reeldb ({mode}) with the response cache off")
        start_reeldb("reeldb-nocache")
        one("mixed-uncached", "reeldb", "reeldb-nocache")
        one("mixed-uncached", "nginx", "nginx")
        state["peak_rss"] = max(state["peak_rss"], servers["reeldb-nocache"].peak_rss_mib())
        state["resident"][mode].append(cat.resident())
    finally:
        for srv in reversed(list(servers.values())):
            srv.stop()
        if cat.engine == "postgres":
            pin_postgres(None)
    return results


# --- report --------------------------------------------------------------------------------------

def machine() -> str:
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = 0.0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            mem = int(line.split()[1]) / 2**20
    return f"{os.cpu_count()} cores ({model}), {mem:.0f} GiB RAM, {platform.system()} {platform.release()}"


def commit() -> str:
    try:
        sha = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=REPO, capture_output=True, text=True).stdout.strip()
        return sha + (" + uncommitted changes" if dirty else "")
    except OSError:
        return "?"


def hit_rate(cache) -> str:
    if cache is None:
        return "n/a"
    if cache == "off":
        return "off"
    hits, misses = cache
    return f"{100 * hits / (hits + misses):.1f} %" if hits + misses else "n/a"


def table(results: dict) -> str:
    rows = ["| scenario | server | requests/s | p50 ms | p99 ms | non-2xx | socket errors | reeldb/nginx "
            "| wrk CPU | server CPU | other CPU | cache hit rate |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for scenario in SCENARIOS:
        # hot-quiet is reeldb alone, compared with the hot run's nginx.
        baseline = "hot" if scenario == "hot-quiet" else scenario
        ratio = results[(scenario, "reeldb")]["rps"] / max(results[(baseline, "nginx")]["rps"], 1e-9)
        for name in ("reeldb",) if scenario == "hot-quiet" else ("reeldb", "nginx"):
            r = results[(scenario, name)]
            rows.append(f"| {scenario} | {name} | {r['rps']:.0f} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | "
                        f"{r['non2xx']} | {r['socket_errors']} | {f'{ratio:.2f}' if name == 'reeldb' else ''} | "
                        f"{r['wrk_cpu'] * 100:.0f} % | {r['server_cpu'] * 100:.0f} % | {r['other_cpu'] * 100:.0f} % | "
                        f"{hit_rate(r.get('cache')) if name == 'reeldb' else ''} |")
    return "\n".join(rows)


def update_results(key: str, section: str) -> None:
    """Replaces this run's section of bench/RESULTS.md (and the Method block) between their markers."""
    text = RESULTS.read_text() if RESULTS.exists() else (
        "# reeldb benchmark results\n\nWritten by `bench/run.sh` (one section per scale and engine; "
        "a new run replaces its section).\n\n")
    for k, body in (("method", METHOD), (f"run:{key}", section)):
        begin, end = f"<!-- {k} -->", f"<!-- end:{k.removeprefix('run:')} -->"
        block = f"{begin}\n{body.rstrip()}\n{end}\n"
        if begin in text and end in text:
            text = text[: text.index(begin)] + block + text[text.index(end) + len(end) + 1:]
        elif k == "method":
            # Right after the introduction, before the first section.
            i = text.find("\n<!--")
            text = (text[: i + 1] + block + "\n" + text[i + 1:]) if i >= 0 else text.rstrip() + "\n\n" + block
        else:
            text = text.rstrip() + "\n\n" + block
    RESULTS.write_text(text)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--binary", required=True)
    p.add_argument("--scale", default="small", choices=["tiny", "small", "tmdb"])
    p.add_argument("--engine", default="sqlite", choices=["sqlite", "postgres"])
    p.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    p.add_argument("--connections", type=int, default=64)
    p.add_argument("--threads", type=int, default=2, help="wrk threads in the unpinned runs (pinned: 1)")
    p.add_argument("--load-cpu", type=int, default=0, help="CPU of wrk in the pinned runs")
    p.add_argument("--server-cpu", type=int, default=1, help="CPU of reeldb and nginx in the pinned runs")
    p.add_argument("--modes", default=",".join(MODES), help="pinned,unpinned or either")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--samples", type=int, default=25, help="requests per operation to pick nginx's representative")
    p.add_argument("--no-results", action="store_true", help="print only; leave bench/RESULTS.md alone")
    p.add_argument("--quiet-wait", type=float, default=30,
                   help="seconds to wait at most, before each run, for other work on the machine to stop")
    p.add_argument("--disturbed", type=float, default=0.25,
                   help="other CPU (in cores) above which a run counts as disturbed by other work")
    p.add_argument("--retries", type=int, default=2, help="times a disturbed run is measured again")
    p.add_argument("--commit", help="what the binary was built from, when not this work tree (default: git HEAD)")
    args = p.parse_args(argv)
    binary = str(Path(args.binary).resolve())
    modes = [m for m in args.modes.split(",") if m]
    if not modes or set(modes) - set(MODES):
        p.error(f"--modes takes {', '.join(MODES)}")
    if "pinned" in modes:
        cpus = os.sched_getaffinity(0)
        if args.load_cpu == args.server_cpu or not {args.load_cpu, args.server_cpu} <= cpus:
            p.error(f"the pinned runs need two distinct CPUs among {sorted(cpus)}")
        if shutil.which("taskset") is None:
            p.error("taskset (util-linux) is missing")

    ops = load_ops()
    cat = Catalog(args)
    gen = cat.ensure(binary, args.seed)
    work = cat.dir / "run"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    season_list, coords = cat.dump_coords(work / "coords.txt")
    seasons = Coords(season_list, cat.dump_ids("person", work / "people.txt"),
                     cat.dump_ids("movie", work / "movies.txt"))
    coords["people"] = len(seasons.people)
    coords["movies"] = len(seasons.movies)
    hot = cat.hot_path()

    load_before = os.getloadavg()[0]  # other work on the machine skews every figure: record it
    state: dict = {}
    all_results = {}
    own_cpus = os.sched_getaffinity(0)
    for mode in modes:
        # Pinned: the driver's own polling stays on the load tool's CPU, off the server's.
        os.sched_setaffinity(0, {args.load_cpu} if mode == "pinned" else own_cpus)
        try:
            all_results[mode] = run_mode(mode, args, binary, cat, ops, seasons, hot, work, state)
        finally:
            os.sched_setaffinity(0, own_cpus)

    log("time to first response on the demo catalog")
    with tempfile.TemporaryDirectory(prefix="reeldb-bench-demo-") as d:
        demo = Reeldb(binary, os.path.join(d, "demo.db"), [], DEMO_PATH, work / "demo.log")
        demo_first = demo.first_response_s
        demo.stop()

    # --- the report ---
    reps: dict[str, Representative] = state["reps"]
    loads = [x for res in all_results.values() for r in res.values() for x in r.get("load", [])]
    titles = {
        "pinned": f"Pinned (main figures): `taskset -c {args.load_cpu} wrk -t1 -c{args.connections}`, "
                  f"reeldb and nginx (`worker_processes 1`) under `taskset -c {args.server_cpu}`",
        "unpinned": f"Unpinned, two cores shared (for comparison): `wrk -t{args.threads} -c{args.connections}` "
                    "beside the server, no taskset, nginx `worker_processes auto`",
    }
    tables = []
    for mode in modes:
        tables += [f"### {titles[mode]}", "", table(all_results[mode]), ""]
    facts = []
    for mode in modes:
        c = all_results[mode][("mixed", "reeldb")].get("cache")
        detail = f" ({c[0]} hits, {c[1]} misses)" if isinstance(c, tuple) else " (`GET /metrics` not available)"
        facts.append(f"- response cache hit rate during `mixed` ({mode}): {hit_rate(c)}{detail}")
    retried = [f"{mode} {sc} on {name} ({r['tries']} tries)" for mode in modes
               for (sc, name), r in all_results[mode].items() if r["tries"] > 1]
    facts.append("- measured again because other work disturbed them (the least disturbed try is shown): "
                 + (", ".join(retried) if retried else "none"))
    facts += [
        "- wrk CPU = wrk's worker threads' CPU time over the run's wall time (100 % = one core); server CPU = "
        "reeldb's process, or nginx's master and workers, over the same time; other CPU = the rest of the "
        "machine's busy time meanwhile, interrupts excluded (other work on this shared machine: a row with "
        "a high value is unreliable)",
        f"- reeldb peak RSS (VmHWM, highest of its runs): {state['peak_rss']:.0f} MiB",
        *(f"- catalog ({'SQLite file' if cat.engine == 'sqlite' else 'the PostgreSQL database directory'}) "
          f"and search index in the operating system's page cache (`fincore`; "
          f"the driver reads them through first when they fit in the memory available with 3 GiB beside them), {mode}: "
          f"{' before the runs, '.join(f'{x * 100:.1f} %' for x in pair)} after them"
          for mode, pair in state.get("resident", {}).items() if None not in pair),
        f"- time to first response after start: {state['first_response_s'] * 1000:.0f} ms on this catalog, "
        f"{demo_first * 1000:.0f} ms on the demo catalog (empty database, demo loaded at start)",
        f"- coordinates for the mixed draw: {coords['seasons']} seasons with {coords['episodes']} episodes "
        f"({coords['irregular']} not numbered 1..n), {coords['bytes'] / 2**20:.1f} MiB, and "
        f"{coords['people']} people and {coords['movies']} movies; wrk's `init` loaded "
        f"them in at most {max((x['load_s'] for x in loads), default=0):.2f} s into "
        f"{max((x['lua_kib'] for x in loads), default=0) / 1024:.1f} MiB of Lua memory per thread",
        "- nginx's representatives (median-sized of " + str(args.samples) + " random 200 responses per operation; "
        "bytes and content type checked equal to reeldb's): "
        + "; ".join(f"{r.op} {len(r.body)} B (sampled {min(r.sizes)}-{max(r.sizes)} B)" for r in reps.values()
                    if r.op != "hot")
        + f"; hot {len(reps['hot'].body)} B, content type `{reps['hot'].content_type}`",
        f"- generation (`reeldb generate --scale {args.scale} --seed {args.seed}`): {gen['rows']} rows in "
        f"{gen['load_s']} s, {gen['rows_per_s']} rows/s ({gen['wall_s']} s wall, on {gen['date']})",
        f"- catalog size: {cat.size()}",
    ]
    command = f"bench/run.sh --scale {args.scale} --engine {args.engine} --duration {args.duration} " \
              f"--connections {args.connections}"
    if modes != list(MODES):
        command += f" --modes {','.join(modes)}"
    section = "\n".join([
        f"## {args.scale} catalog on {args.engine}",
        "",
        f"- date: {dt.datetime.now(dt.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- machine: {machine()}; 1-minute load average before the runs: {load_before:.2f}",
        f"- commit: {args.commit or commit()}",
        f"- engine: {args.engine}, scale: {args.scale}, seed {args.seed}",
        f"- load: {args.connections} connections, {args.duration} s per run, 127.0.0.1 (see Method); hot = "
        f"`{hot}`; mixed = `bench/wrk.lua` over the whole catalog ({', '.join(o.name for o in ops)}); "
        "mixed-uncached = the same with `--response-cache-mb 0`",
        f"- command: `{command}`",
        "",
        *tables,
        *facts,
        "",
        "Generation summary:",
        "",
        "```",
        gen["summary"],
        "```",
    ])
    print()
    print("\n".join(tables))
    print("\n".join(facts))
    if not args.no_results:
        update_results(f"{args.scale}-{args.engine}", section)
        log(f"wrote {RESULTS.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
