-- wrk script for the mixed runs: every request draws a random season of the whole catalog, a random
-- episode within it and a random operation from OPS below, so reeldb and nginx receive the same
-- request stream (same seed) over every id of the catalog.
--
-- Environment (set by bench/bench.py):
--   BENCH_COORDS  the catalog's coordinates, one line per season that has episodes:
--                   "<series_id> <season_number> <episode_count>"            episodes are 1..count
--                   "<series_id> <season_number> <episode_count> e1 e2 ..."  any other numbering
--   BENCH_PEOPLE  every person's id, one a line ({person} draws one)
--   BENCH_MOVIES  every movie's id, one a line ({movie} draws one)
--   BENCH_SEED    random seed (each wrk thread adds its own index)
--
-- init() prints one "BENCHLOAD {...}" line per thread (seasons, episodes, load time, Lua memory) so
-- the driver can check the file loads in reasonable time and memory at tmdb scale.

-- The operations, drawn with equal probability. bench/bench.py parses the op("...", "...") lines of
-- this table (keep one per line) to capture one representative reeldb response per operation for
-- nginx and to build nginx's matching regex `location`s, so adding an operation here is all it
-- takes. Placeholders: {series}, {season}, {episode} (one episode of the whole catalog) and
-- {person} (any person) and {movie} (any movie); a new kind of id needs its own draw in request() and its own file. Two operations must not differ only by query
-- string: nginx maps on the path alone.
local function op(name, template)
  local keys = {}
  local fmt = template:gsub("%%", "%%%%"):gsub("{(%w+)}", function(key)
    keys[#keys + 1] = key
    return "%d"
  end)
  return { name = name, fmt = fmt, keys = keys }
end

local OPS = {
  op("episode_details",      "/3/tv/{series}/season/{season}/episode/{episode}?append_to_response=credits,images"),
  op("episode_credits",      "/3/tv/{series}/season/{season}/episode/{episode}/credits"),
  op("season_details",       "/3/tv/{series}/season/{season}"),
  op("season_aggregate",     "/3/tv/{series}/season/{season}/aggregate_credits"),
  op("episode_external_ids", "/3/tv/{series}/season/{season}/episode/{episode}/external_ids"),
  op("episode_images",       "/3/tv/{series}/season/{season}/episode/{episode}/images"),
  op("series_details",       "/3/tv/{series}?append_to_response=credits,keywords,content_ratings"),
  op("person_details",       "/3/person/{person}?append_to_response=combined_credits"),
  op("movie_details",        "/3/movie/{movie}?append_to_response=credits,release_dates"),
}

local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("index", threads)
end

-- Per thread (each wrk thread has its own Lua state): flat arrays, one slot per season.
local series, season, count, numbers = {}, {}, {}, {}
local nseasons = 0
local people, npeople = {}, 0
local movies, nmovies = {}, 0
local cur = {}  -- the drawn coordinates, reused by every request (no allocation per request)

function init(args)
  local t0 = os.clock()
  local episodes = 0
  local path = assert(os.getenv("BENCH_COORDS"), "BENCH_COORDS is not set")
  local f = assert(io.open(path))
  -- read("*n") parses numbers natively: ~0.2 s for tmdb's 621k seasons (line matching took 0.6 s).
  while true do
    local a, b, c = f:read("*n", "*n", "*n")
    if not c then break end
    nseasons = nseasons + 1
    series[nseasons], season[nseasons], count[nseasons] = a, b, c
    episodes = episodes + c
    local rest = f:read("*l")
    if rest and rest:find("%d") then
      -- Episodes not numbered 1..count: keep the explicit list for this season only.
      local list = {}
      for e in rest:gmatch("%-?%d+") do list[#list + 1] = tonumber(e) end
      assert(#list == c, "episode list length differs from the count in season " .. nseasons)
      numbers[nseasons] = list
    end
  end
  f:close()
  assert(nseasons > 0, "no seasons in " .. path)
  local ppath = assert(os.getenv("BENCH_PEOPLE"), "BENCH_PEOPLE is not set")
  local pf = assert(io.open(ppath))
  while true do
    local id = pf:read("*n")
    if not id then break end
    npeople = npeople + 1
    people[npeople] = id
  end
  pf:close()
  assert(npeople > 0, "no people in " .. ppath)
  local mpath = assert(os.getenv("BENCH_MOVIES"), "BENCH_MOVIES is not set")
  local mf = assert(io.open(mpath))
  while true do
    local id = mf:read("*n")
    if not id then break end
    nmovies = nmovies + 1
    movies[nmovies] = id
  end
  mf:close()
  assert(nmovies > 0, "no movies in " .. mpath)
  math.randomseed((tonumber(os.getenv("BENCH_SEED")) or 1) * 1000 + (index or 0))
  -- Each operation's whole request as one format string: wrk.format's bytes for a marker path, split
  -- around it. request() then costs one string.format instead of wrk.format's table and loop.
  local pre, post = wrk.format("GET", "/@PATH@"):match("^(.-)/@PATH@(.*)$")
  for _, o in ipairs(OPS) do
    o.request = pre:gsub("%%", "%%%%") .. o.fmt .. post:gsub("%%", "%%%%")
  end
  collectgarbage()
  io.write(string.format('BENCHLOAD {"thread": %d, "seasons": %d, "episodes": %d, "load_s": %.3f, "lua_kib": %d}\n',
    index or 0, nseasons, episodes, os.clock() - t0, collectgarbage("count")))
end

function request()
  local i = math.random(nseasons)
  local e = math.random(count[i])
  local list = numbers[i]
  cur.series, cur.season, cur.episode = series[i], season[i], list and list[e] or e
  cur.person = people[math.random(npeople)]
  cur.movie = movies[math.random(nmovies)]
  local o = OPS[math.random(#OPS)]
  local k = o.keys
  -- string.format ignores the arguments a template does not use.
  return string.format(o.request, cur[k[1]], cur[k[2]], cur[k[3]], cur[k[4]], cur[k[5]])
end
