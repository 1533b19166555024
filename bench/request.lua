-- wrk script for one Cognito (AWS JSON 1.1) operation, parameterised by env:
--   BENCH_TARGET     operation name, e.g. DescribeUserPool
--   BENCH_BODY_FILE  file holding the JSON request body
--   BENCH_AMZ_DATE   X-Amz-Date value (yyyymmddThhmmssZ)
--   BENCH_HEADERS_FILE (optional) headers that replace the fake signature's, see below
-- A body containing %%N%% (AdminCreateUser, SignUp: each request needs a new username) gets a
-- request() callback that puts a number unique to the request there: this wrk process's random
-- prefix, the thread's number and a counter. With BENCH_RANDOM_MAX set, %%R%% becomes a random
-- number below it (a random user of a loaded pool), and with BENCH_CHOICES_FILE set, %%C%% becomes
-- a random line of that file (a random pool of several). That callback costs wrk some CPU per
-- request; other bodies are sent as they are.
-- No response() callback: wrk then counts non-2xx/3xx responses itself ("Non-2xx or 3xx
-- responses: N" in its summary, which report.py reads) without handing each response to Lua,
-- which cost wrk a third more CPU per request on the cores the servers run on.

local target = assert(os.getenv("BENCH_TARGET"), "BENCH_TARGET not set")
local body_file = assert(os.getenv("BENCH_BODY_FILE"), "BENCH_BODY_FILE not set")
local amz_date = assert(os.getenv("BENCH_AMZ_DATE"), "BENCH_AMZ_DATE not set")

local f = assert(io.open(body_file, "rb"))
wrk.body = f:read("*a")
f:close()

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-amz-json-1.1"
wrk.headers["X-Amz-Target"] = "AWSCognitoIdentityProviderService." .. target
wrk.headers["X-Amz-Date"] = amz_date
wrk.headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"
  .. amz_date:sub(1, 8) .. "/us-east-1/cognito-idp/aws4_request, "
  .. "SignedHeaders=host;x-amz-date;x-amz-target, Signature=0000"

-- BENCH_HEADERS_FILE: "Name: value" lines that replace those headers (a request signed for real,
-- which the server accepts again and again within its 15 minutes).
local headers_file = os.getenv("BENCH_HEADERS_FILE")
if headers_file then
  for line in io.lines(headers_file) do
    local name, value = line:match("^([^:]+):%s*(.*)$")
    if name then wrk.headers[name] = value end
  end
end

local unique = wrk.body:find("%%N%%", 1, true)
local random_max = tonumber(os.getenv("BENCH_RANDOM_MAX") or "0")
local choices = {}
local choices_file = os.getenv("BENCH_CHOICES_FILE")
if choices_file and wrk.body:find("%%C%%", 1, true) then
  for line in io.lines(choices_file) do choices[#choices + 1] = line end
end
if unique or #choices > 0 or (random_max > 0 and wrk.body:find("%%R%%", 1, true)) then
  local template = wrk.body
  local urandom = assert(io.open("/dev/urandom", "rb"))
  local seed = urandom:read(4)
  urandom:close()
  local prefix = string.format("%02x%02x%02x%02x", seed:byte(1, 4))
  math.randomseed(seed:byte(1) * 16777216 + seed:byte(2) * 65536 + seed:byte(3) * 256 + seed:byte(4))
  local threads = 0
  local counter = 0

  function setup(thread)
    threads = threads + 1
    thread:set("thread_number", threads)
  end

  function request()
    counter = counter + 1
    local body = template:gsub("%%%%N%%%%", prefix .. "-" .. tostring(thread_number) .. "-" .. tostring(counter))
    if random_max > 0 then
      body = body:gsub("%%%%R%%%%", tostring(math.random(0, random_max - 1)))
    end
    if #choices > 0 then
      body = body:gsub("%%%%C%%%%", choices[math.random(1, #choices)])
    end
    return wrk.format(nil, nil, nil, body)
  end
end
