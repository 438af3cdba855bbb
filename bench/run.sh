#!/usr/bin/env bash
# reeldb benchmark: builds release, generates the catalog once (cached), and measures reeldb with wrk
# against nginx serving reeldb's bytes. The load tool and the server get one core each (taskset);
# the same runs are repeated unpinned as a second table. See bench/bench.py and the "Method" section
# of bench/RESULTS.md.
#
#   bench/run.sh [--scale tiny|small|tmdb] [--engine sqlite|postgres] [--duration S] [--connections N]
#                [--threads N] [--modes pinned,unpinned] [--seed N] [--samples N] [--no-results]
#                [--quiet-wait S] [--disturbed CORES] [--retries N] [--commit TEXT]
#   bench/run.sh --search [--scale ...] [--engine ...] [--duration S] [--connections N] [--queries N]
#                search and discover (bench/search.py): index build at start, a mixed query set and
#                discover with three filters and a sort, pinned, against nginx
#
# Caches catalogs under /var/tmp/reeldb-bench/<scale>-<engine>, made again when the seed or the
# generator (its sources, data or the migrations) changed (PostgreSQL: database
# reeldb_bench_<scale> on $REELDB_BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres).
# Builds into $CARGO_TARGET_DIR (default /var/tmp/reeldb-ci-target, the target directory CI shares);
# REELDB_BENCH_BINARY=path skips the build and measures that binary instead (then say what it was
# built from with --commit, or RESULTS.md records this work tree's HEAD).
# Traffic goes to 127.0.0.1 only; every run is bounded by --duration. Writes bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v taskset >/dev/null 2>&1 || need+=(util-linux)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]} from Debian"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if [ -n "${REELDB_BENCH_BINARY:-}" ]; then
  binary="$REELDB_BENCH_BINARY"
  echo "measuring $binary (REELDB_BENCH_BINARY; not building)"
else
  export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/reeldb-ci-target}"
  echo "building reeldb (release) into $CARGO_TARGET_DIR"
  nice cargo build --release -q -p reeldb
  binary="$CARGO_TARGET_DIR/release/reeldb"
fi
if [ "${1:-}" = "--search" ]; then
  shift
  exec python3 bench/search.py --binary "$binary" "$@"
fi
exec python3 bench/bench.py --binary "$binary" "$@"
