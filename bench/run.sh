#!/usr/bin/env bash
# reeldb benchmark: builds release, generates the catalog once (cached), starts reeldb, and
# measures it with wrk against nginx serving the identical bytes as static files.
#
#   bench/run.sh [--scale small|tmdb] [--engine sqlite|postgres] [--duration S] [--connections N]
#                [--seed N] [--paths N] [--no-results]
#
# Caches catalogs under /var/tmp/reeldb-bench/<scale>-<engine> (PostgreSQL: database
# reeldb_bench_<scale> on $REELDB_BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres).
# Traffic goes to 127.0.0.1 only; every run is bounded by --duration. Writes bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]} from Debian"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

echo "building reeldb (release)"
nice cargo build --release -q -p reeldb
exec python3 bench/bench.py --binary target/release/reeldb "$@"
