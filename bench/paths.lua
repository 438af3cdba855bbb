-- wrk script for the search and discover runs (bench/search.py): every request is a line drawn at
-- random from BENCH_PATHS (one request path with its query string a line), with BENCH_SEED (each
-- wrk thread adds its own index), so reeldb and nginx receive the same request stream.

local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("index", threads)
end

local paths, n = {}, 0

function init(args)
  local path = assert(os.getenv("BENCH_PATHS"), "BENCH_PATHS is not set")
  for line in io.lines(path) do
    if #line > 0 then
      n = n + 1
      paths[n] = line
    end
  end
  assert(n > 0, "no paths in " .. path)
  math.randomseed((tonumber(os.getenv("BENCH_SEED")) or 1) * 1000 + (index or 0))
end

function request()
  return wrk.format("GET", paths[math.random(n)])
end
