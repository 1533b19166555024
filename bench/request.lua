-- wrk script for one Cognito (AWS JSON 1.1) operation, parameterised by env:
--   BENCH_TARGET     operation name, e.g. DescribeUserPool
--   BENCH_BODY_FILE  file holding the JSON request body
--   BENCH_AMZ_DATE   X-Amz-Date value (yyyymmddThhmmssZ)
-- Counts every response whose status is not 200 and, in done(), prints
--   bench-non200: <count>
--   bench-non200-sample: <status> <first 500 bytes of body>   (if any)

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

-- Per-thread state (each wrk thread has its own Lua state).
non200 = 0
sample = ""

function response(status, headers, body)
  if status ~= 200 then
    non200 = non200 + 1
    if sample == "" then
      sample = status .. " " .. (body or ""):sub(1, 500):gsub("[\r\n]", " ")
    end
  end
end

-- Main Lua state: keep handles to the threads to collect their counters.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  local total, first = 0, ""
  for _, t in ipairs(threads) do
    total = total + t:get("non200")
    if first == "" then first = t:get("sample") end
  end
  io.write(string.format("bench-non200: %d\n", total))
  if first ~= "" then io.write("bench-non200-sample: " .. first .. "\n") end
end
