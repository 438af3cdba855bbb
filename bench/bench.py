#!/usr/bin/env python3
"""reeldb benchmark driver (run through bench/run.sh, which builds and installs wrk and nginx).

Generates the catalog once (cached), picks a mixed list of request paths over existing ids,
starts reeldb, stores each path's response bytes as static files for nginx, then runs wrk
against both: `hot` (one episode-credits request repeated) and `mixed` (the path list).
Reports requests/s, p50/p99 latency, non-2xx and socket errors, reeldb/nginx ratios, reeldb's
peak RSS, time to first response (generated and demo catalogs) and generation time; prints a
table and updates bench/RESULTS.md. Only 127.0.0.1 is contacted; every wrk run is bounded.

Python 3, standard library only.
"""

from __future__ import annotations

import argparse
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
CACHE = Path("/var/tmp/reeldb-bench")
RESULTS = REPO / "bench" / "RESULTS.md"
DEMO_PATH = "/3/tv/93405/season/2/episode/1/credits"


def log(msg: str) -> None:
    print(f"[bench] {msg}", flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_get(url: str, timeout: float = 30.0) -> tuple[int, bytes]:
    req = urllib.request.Request(url, headers={"Accept-Encoding": "identity"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


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
            if info.get("seed") == seed:
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
            "wall_s": round(wall, 1),
            "rows": int(m.group(1)) if m else None,
            "load_s": float(m.group(2)) if m else None,
            "rows_per_s": int(m.group(3)) if m else None,
            "summary": out.stdout.strip(),
            "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        }
        stamp.write_text(json.dumps(info, indent=1))
        return info

    def size(self) -> str:
        if self.engine == "sqlite":
            return f"{os.path.getsize(self.db) / 2**20:.0f} MiB (SQLite file)"
        return self.psql(f"SELECT pg_size_pretty(pg_database_size('{self.dbname}'))").strip()

    def paths(self, n: int, seed: int) -> tuple[str, list[str]]:
        """The hot path (the first episode's credits) and `n` mixed paths over random ids."""
        rng = random.Random(seed)
        if self.engine == "sqlite":
            con = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)
            q = lambda sql, *a: con.execute(sql, a).fetchall()  # noqa: E731
        else:
            def q(sql, *a):
                for x in a:
                    sql = sql.replace("?", str(int(x)), 1)
                return [tuple(int(v) for v in line.split("|")) for line in self.psql(sql).splitlines() if line]
        hot = q("SELECT series_id, season_number, episode_number FROM tv_episode ORDER BY id LIMIT 1")[0]
        max_ep = q("SELECT MAX(id) FROM tv_episode")[0][0]
        max_season = q("SELECT MAX(id) FROM tv_season")[0][0]
        out = []
        for _ in range(n):
            r = rng.random()
            if r < 0.5:
                e = q("SELECT series_id, season_number, episode_number FROM tv_episode WHERE id >= ? ORDER BY id LIMIT 1",
                      rng.randint(1, max_ep))[0]
                ep = f"/3/tv/{e[0]}/season/{e[1]}/episode/{e[2]}"
                kind = rng.random()
                if kind < 0.5:
                    out.append(f"{ep}?append_to_response=credits,images,external_ids")
                elif kind < 0.8:
                    out.append(f"{ep}/credits")
                elif kind < 0.9:
                    out.append(f"{ep}/external_ids")
                else:
                    out.append(f"{ep}/images")
            else:
                s = q("SELECT series_id, season_number FROM tv_season WHERE id >= ? ORDER BY id LIMIT 1",
                      rng.randint(1, max_season))[0]
                se = f"/3/tv/{s[0]}/season/{s[1]}"
                kind = rng.random()
                if kind < 0.4:
                    out.append(se)
                elif kind < 0.8:
                    out.append(f"{se}/aggregate_credits")
                elif kind < 0.9:
                    out.append(f"{se}/external_ids")
                else:
                    out.append(f"{se}/images")
        return f"/3/tv/{hot[0]}/season/{hot[1]}/episode/{hot[2]}/credits", out


# --- servers -------------------------------------------------------------------------------------

class Reeldb:
    def __init__(self, binary: str, db: str, extra: list[str], probe: str, logfile: Path):
        self.t0 = time.monotonic()
        self.proc = subprocess.Popen([binary, "serve", "--db", db, "--listen", "127.0.0.1:0", "--no-auth", *extra],
                                     stdout=subprocess.PIPE, stderr=open(logfile, "w"), text=True,
                                     env={**os.environ, "REELDB_LOG": "warn"})
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
                status, _ = http_get(self.base + probe, timeout=5)
                if status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit(f"no 200 from {probe} within 120 s")
            time.sleep(0.005)
        self.first_response_s = time.monotonic() - self.t0

    def peak_rss_mib(self) -> float:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


class Nginx:
    def __init__(self, workdir: Path, static: Path):
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        self.port = free_port()
        workdir.mkdir(parents=True, exist_ok=True)
        conf = workdir / "nginx.conf"
        conf.write_text(f"""
worker_processes auto;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log warn;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  default_type application/json;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_requests 10000000;
  keepalive_timeout 65;
  open_file_cache max=200000 inactive=120s;
  open_file_cache_valid 120s;
  client_body_temp_path {workdir}/tmp;
  proxy_temp_path {workdir}/tmp;
  fastcgi_temp_path {workdir}/tmp;
  uwsgi_temp_path {workdir}/tmp;
  scgi_temp_path {workdir}/tmp;
  server {{
    listen 127.0.0.1:{self.port};
    root {static};
    location / {{ try_files "$uri$is_args$args.json" =404; }}
  }}
}}
""")
        (workdir / "tmp").mkdir(exist_ok=True)
        self.proc = subprocess.Popen([nginx, "-p", str(workdir), "-c", str(conf), "-e", str(workdir / "error.log"),
                                      "-g", "daemon off;"])
        self.base = f"http://127.0.0.1:{self.port}"
        for _ in range(500):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.01)
        raise SystemExit("nginx did not start")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def wrk(url: str, paths_file: Path, duration: int, connections: int, threads: int) -> dict:
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "5s",
           "-s", str(REPO / "bench" / "wrk.lua"), url]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=duration + 60,
                         env={**os.environ, "BENCH_PATHS": str(paths_file)})
    m = re.search(r"BENCHJSON (\{.*\})", out.stdout)
    if not m:
        raise SystemExit(f"wrk failed: {out.stdout}\n{out.stderr}")
    r = json.loads(m.group(1))
    r["rps"] = r["requests"] / (r["duration_us"] / 1e6)
    r["socket_errors"] = r["connect_errors"] + r["read_errors"] + r["write_errors"] + r["timeouts"]
    return r


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
    mem = 0
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


def update_results(key: str, section: str) -> None:
    begin, end = f"<!-- run:{key} -->", f"<!-- end:{key} -->"
    text = RESULTS.read_text() if RESULTS.exists() else (
        "# reeldb benchmark results\n\nWritten by `bench/run.sh` (one section per scale and engine; "
        "a new run replaces its section).\n\n")
    block = f"{begin}\n{section.rstrip()}\n{end}\n"
    if begin in text and end in text:
        text = text[: text.index(begin)] + block + text[text.index(end) + len(end) + 1:]
    else:
        text = text.rstrip() + "\n\n" + block
    RESULTS.write_text(text)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--binary", required=True)
    p.add_argument("--scale", default="small", choices=["tiny", "small", "tmdb"])
    p.add_argument("--engine", default="sqlite", choices=["sqlite", "postgres"])
    p.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    p.add_argument("--connections", type=int, default=64)
    p.add_argument("--threads", type=int, default=2, help="wrk threads")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--paths", type=int, default=2000, help="mixed paths")
    p.add_argument("--no-results", action="store_true", help="print only; leave bench/RESULTS.md alone")
    args = p.parse_args(argv)
    binary = str(Path(args.binary).resolve())

    cat = Catalog(args)
    gen = cat.ensure(binary, args.seed)
    hot, mixed = cat.paths(args.paths, args.seed)
    work = cat.dir / "run"
    shutil.rmtree(work, ignore_errors=True)
    static = work / "static"
    static.mkdir(parents=True)
    (work / "hot.txt").write_text(hot + "\n")
    (work / "mixed.txt").write_text("\n".join(mixed) + "\n")

    servers: list = []
    try:
        log("starting reeldb")
        rdb = Reeldb(binary, cat.db, ["--no-demo"], hot, work / "reeldb.log")
        servers.append(rdb)
        log(f"first response after {rdb.first_response_s * 1000:.0f} ms; storing {len(set(mixed)) + 1} responses for nginx")
        fetch_fail = 0
        for path in sorted(set(mixed + [hot])):
            status, body = http_get(rdb.base + path)
            if status != 200:
                fetch_fail += 1
            f = static / (path.lstrip("/") + ".json")
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_bytes(body)
        ngx = Nginx(work / "nginx", static)
        servers.append(ngx)
        for path in mixed[:50]:
            a, b = http_get(rdb.base + path), http_get(ngx.base + path)
            if a != b:
                raise SystemExit(f"nginx and reeldb differ on {path}: {a[0]} vs {b[0]}")
        results = {}
        for scenario, paths_file in (("hot", work / "hot.txt"), ("mixed", work / "mixed.txt")):
            for name, srv in (("reeldb", rdb), ("nginx", ngx)):
                log(f"{scenario} on {name}: {args.duration} s, {args.connections} connections")
                results[(scenario, name)] = wrk(srv.base, paths_file, args.duration, args.connections, args.threads)
        peak_rss = rdb.peak_rss_mib()
        rdb.stop()
        servers.remove(rdb)
        # The same mixed paths with reeldb's response cache off: every request reads the catalog.
        log("starting reeldb with the response cache off")
        cold = Reeldb(binary, cat.db, ["--no-demo", "--response-cache-mb", "0"], hot, work / "reeldb-nocache.log")
        servers.append(cold)
        for name, srv in (("reeldb", cold), ("nginx", ngx)):
            log(f"mixed-uncached on {name}: {args.duration} s, {args.connections} connections")
            results[("mixed-uncached", name)] = wrk(srv.base, work / "mixed.txt", args.duration, args.connections,
                                                    args.threads)
        peak_rss = max(peak_rss, cold.peak_rss_mib())
        cold.stop()
        ngx.stop()
        servers.clear()

        log("time to first response on the demo catalog")
        with tempfile.TemporaryDirectory(prefix="reeldb-bench-demo-") as d:
            demo = Reeldb(binary, os.path.join(d, "demo.db"), [], DEMO_PATH, work / "demo.log")
            demo_first = demo.first_response_s
            demo.stop()
    finally:
        for s in servers:
            s.stop()

    rows = []
    header = "| scenario | server | requests/s | p50 ms | p99 ms | non-2xx | socket errors | reeldb/nginx |"
    rows.append(header)
    rows.append("|---|---|---:|---:|---:|---:|---:|---:|")
    for scenario in ("hot", "mixed", "mixed-uncached"):
        ratio = results[(scenario, "reeldb")]["rps"] / max(results[(scenario, "nginx")]["rps"], 1e-9)
        for name in ("reeldb", "nginx"):
            r = results[(scenario, name)]
            rows.append(f"| {scenario} | {name} | {r['rps']:.0f} | {r['p50_us'] / 1000:.2f} | {r['p99_us'] / 1000:.2f} | "
                        f"{r['status_errors']} | {r['socket_errors']} | {f'{ratio:.2f}' if name == 'reeldb' else ''} |")
    table = "\n".join(rows)
    facts = [
        f"- reeldb peak RSS (VmHWM): {peak_rss:.0f} MiB",
        f"- time to first response after start: {rdb.first_response_s * 1000:.0f} ms on this catalog, "
        f"{demo_first * 1000:.0f} ms on the demo catalog (empty database, demo loaded at start)",
        f"- generation (`reeldb generate --scale {args.scale} --seed {args.seed}`): {gen['rows']} rows in "
        f"{gen['load_s']} s, {gen['rows_per_s']} rows/s ({gen['wall_s']} s wall, on {gen['date']})",
        f"- catalog size: {cat.size()}",
        f"- responses stored for nginx: {len(set(mixed)) + 1} ({fetch_fail} not 200)",
    ]
    section = "\n".join([
        f"## {args.scale} catalog on {args.engine}",
        "",
        f"- date: {dt.datetime.now(dt.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- machine: {machine()}",
        f"- commit: {commit()}",
        f"- engine: {args.engine}, scale: {args.scale}, seed {args.seed}",
        f"- load: wrk {args.threads} threads, {args.connections} connections, {args.duration} s per run, 127.0.0.1; "
        f"hot = `{hot}`; mixed = {len(mixed)} paths (episode details with credits,images,external_ids; episode "
        "credits; season details; season aggregate credits; external ids; images) over random existing ids; "
        "mixed-uncached = the same paths with `--response-cache-mb 0`",
        f"- command: `bench/run.sh --scale {args.scale} --engine {args.engine} --duration {args.duration} "
        f"--connections {args.connections}`",
        "",
        table,
        "",
        *facts,
        "",
        "Generation summary:",
        "",
        "```",
        gen["summary"],
        "```",
    ])
    print()
    print(table)
    print("\n".join(facts))
    if not args.no_results:
        update_results(f"{args.scale}-{args.engine}", section)
        log(f"wrote {RESULTS.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
