-- wrk script for one Cognito (AWS JSON 1.1) operation, parameterised by env:
--   BENCH_TARGET     operation name, e.g. DescribeUserPool
--   BENCH_BODY_FILE  file holding the JSON request body
--   BENCH_AMZ_DATE   X-Amz-Date value (yyyymmddThhmmssZ)
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
