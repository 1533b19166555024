-- wrk script for a pool domain's OAuth endpoints, parameterised by env:
--   BENCH_OAUTH_MODE   "request": one request again and again (BENCH_METHOD, BENCH_PATH,
--                      BENCH_BODY_FILE, BENCH_HEADERS_FILE of "Name: value" lines);
--                      "code": the authorization code flow, each connection alternating a sign-in
--                      POST to /login (BENCH_LOGIN_PATH, BENCH_LOGIN_BODY_FILE, headers from
--                      BENCH_HEADERS_FILE) and, with the code its 302 carries, a POST to /oauth2/token
--                      (BENCH_TOKEN_PATH, BENCH_TOKEN_BODY_FILE with %%CODE%% where the code goes,
--                      BENCH_TOKEN_HEADERS_FILE).
-- In code mode a flow is two requests; a response() callback reads each 302's Location.

local function read(path)
  local f = assert(io.open(path, "rb"))
  local text = f:read("*a")
  f:close()
  return text
end

local function headers(path)
  local result = {}
  if path then
    for line in io.lines(path) do
      local name, value = line:match("^([^:]+):%s*(.*)$")
      if name then result[name] = value end
    end
  end
  return result
end

local mode = os.getenv("BENCH_OAUTH_MODE") or "request"

if mode == "request" then
  wrk.method = os.getenv("BENCH_METHOD") or "POST"
  wrk.path = assert(os.getenv("BENCH_PATH"), "BENCH_PATH not set")
  local body_file = os.getenv("BENCH_BODY_FILE")
  if body_file then wrk.body = read(body_file) end
  for name, value in pairs(headers(os.getenv("BENCH_HEADERS_FILE"))) do wrk.headers[name] = value end
else
  local login = wrk.format("POST", os.getenv("BENCH_LOGIN_PATH"), headers(os.getenv("BENCH_HEADERS_FILE")),
                           read(os.getenv("BENCH_LOGIN_BODY_FILE")))
  local token_path = os.getenv("BENCH_TOKEN_PATH")
  local token_headers = headers(os.getenv("BENCH_TOKEN_HEADERS_FILE"))
  local token_body = read(os.getenv("BENCH_TOKEN_BODY_FILE"))
  local codes = {}

  function request()
    local code = table.remove(codes)
    if code then
      return wrk.format("POST", token_path, token_headers, (token_body:gsub("%%%%CODE%%%%", code)))
    end
    return login
  end

  function response(status, headers, body)
    local location = headers["Location"] or headers["location"]
    if location then
      local code = location:match("[?&]code=([^&]+)")
      if code then codes[#codes + 1] = code end
    end
  end
end
