-- wrk script for one Cognito (AWS JSON 1.1) operation, parameterised by env:
--   BENCH_TARGET     operation name, e.g. DescribeUserPool
--   BENCH_BODY_FILE  file holding the JSON request body
--   BENCH_AMZ_DATE   X-Amz-Date value (yyyymmddThhmmssZ)
-- A body containing %%N%% (AdminCreateUser, SignUp: each request needs a new username) gets a
-- request() callback that puts a number unique to the request there: this wrk process's random
-- prefix, the thread's number and a counter. That callback costs wrk some CPU per request; bodies
-- without %%N%% are sent as they are.
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

if wrk.body:find("%%N%%", 1, true) then
  local template = wrk.body
  local random = assert(io.open("/dev/urandom", "rb"))
  local prefix = string.format("%02x%02x%02x%02x", random:read(4):byte(1, 4))
  random:close()
  local threads = 0
  local counter = 0

  function setup(thread)
    threads = threads + 1
    thread:set("thread_number", threads)
  end

  function request()
    counter = counter + 1
    local body = template:gsub("%%%%N%%%%", prefix .. "-" .. tostring(thread_number) .. "-" .. tostring(counter))
    return wrk.format(nil, nil, nil, body)
  end
end
