#!/usr/bin/env python3
"""Turn bench/run.sh's raw outputs into a Markdown report (stdlib only).

Reads, for each server S and operation O in OUT_DIR:
  S-O.wrk   wrk --latency output
  S-O.srp   instead, for SRPSignIn: SRPSignInBench's JSON (sign_ins, errors, elapsed_seconds,
            connections, first_error)
  S-O.cpu   "<utime+stime before> <after> <CLK_TCK> <connections>" of the server
            process; "after" is read once the server is idle again
  S-O.body  the request body, for SRPSignIn the sign-in parameters (quoted in the problems section)
  S-O.sample-response  the response to one request made before the run (quoted there too);
            for SRPSignIn, first_error takes its place
  gatehouse-O.floor-before, .floor-after  for the sign-ins (InitiateAuth, SRPSignIn):
            SignInFloorBench's timings just before and after the run; rounds 2 to --sign-in-rounds
            of the same run are S-O.N.wrk (.srp), S-O.N.cpu, S-O.N.floor-before, S-O.N.floor-after
Prints the report and writes it to --output. Exits 1 if any run is invalid
(non-200 responses, socket errors or failed sign-ins) or missing (its preparation failed), else 0.
"""
import argparse
import json
import re
import statistics
import sys
from pathlib import Path

NAMES = {"gatehouse": "Gatehouse (SQLite)", "gatehouse-postgres": "Gatehouse (PostgreSQL)", "moto": "moto"}
SRP_OP = "SRPSignIn"  # measured by SRPSignInBench, not wrk
UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def parse_wrk(text):
    def find(pattern, cast=float):
        m = re.search(pattern, text, re.M)
        return cast(m.group(1)) if m else None

    p50 = re.search(r"^\s+50%\s+([\d.]+)(us|ms|s|m|h)\s*$", text, re.M)
    p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s|m|h)\s*$", text, re.M)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    return {
        "rps": find(r"^Requests/sec:\s+([\d.]+)"),
        "p50_ms": float(p50.group(1)) * UNIT_MS[p50.group(2)] if p50 else None,
        "p99_ms": float(p99.group(1)) * UNIT_MS[p99.group(2)] if p99 else None,
        "requests": find(r"^\s+(\d+) requests in ", int),
        # wrk prints this line only when there were such responses; the servers answer 200 or 4xx/5xx.
        "non200": find(r"^\s+Non-2xx or 3xx responses: (\d+)", int) or 0,
        "socket_errors": sum(map(int, sock.groups())) if sock else 0,
    }


def cpu_ms(stem):
    before, after, tck, concurrency = map(int, Path(f"{stem}.cpu").read_text().split())
    return (after - before) * 1000 / tck, concurrency


def load(out, server, op, stem=None):
    """The run of `op` whose files start with `stem` (default: round 1's, `out/server-op`)."""
    stem = stem or out / f"{server}-{op}"
    wrk = Path(f"{stem}.wrk")
    if not wrk.exists():
        return None
    r = parse_wrk(wrk.read_text())
    cpu, conns = cpu_ms(stem)
    # The server also finishes the ~one request per connection in flight when wrk stops.
    r["cpu_per_1k"] = cpu * 1000 / (r["requests"] + conns) if r["requests"] is not None else None
    r["few"] = r["requests"] is not None and r["requests"] < 10 * conns
    r["problems"] = []
    if r["rps"] is None or r["requests"] is None:
        r["problems"].append("wrk output not understood (see the .wrk file)")
    if r["non200"]:
        r["problems"].append(f"{r['non200']} responses outside 2xx and 3xx")
    if r["socket_errors"]:
        r["problems"].append(f"socket errors ({r['socket_errors']})")
    r["body"] = (out / f"{server}-{op}.body").read_text().strip()
    sample = out / f"{server}-{op}.sample-response"
    r["sample"] = sample.read_text().strip()[:500] if sample.exists() else ""
    return r


def load_srp(out, server, op=SRP_OP, stem=None):
    """Like `load`, for SRPSignInBench's run."""
    stem = stem or out / f"{server}-{op}"
    srp = Path(f"{stem}.srp")
    if not srp.exists():
        return None
    try:
        gen = json.loads(srp.read_text())
    except ValueError:  # the generator failed before printing its result
        gen = {}
    cpu, connections = cpu_ms(stem)
    sign_ins, errors, elapsed = gen.get("sign_ins"), gen.get("errors"), gen.get("elapsed_seconds")
    r = {"sign_ins": sign_ins, "errors": errors, "problems": [],
         "sips": sign_ins / elapsed if sign_ins is not None and elapsed else None,
         # The generator finishes the sign-ins it is in when time is up, so every one counted
         # started and ended within the CPU sample.
         "cpu_per_sign_in": cpu / sign_ins if sign_ins else None,
         "few": sign_ins is not None and sign_ins < 10 * connections,
         "body": (out / f"{server}-{SRP_OP}.body").read_text().strip(),
         "sample": gen.get("first_error") or ""}
    if sign_ins is None or errors is None:
        r["problems"].append("SRPSignInBench gave no result (see the .srp and .srp.log files)")
    elif errors:
        r["problems"].append(f"{errors} failed sign-ins")
    elif not sign_ins:
        r["problems"].append("no sign-in completed")
    return r


def read_floor(path):
    """SignInFloorBench's `name=milliseconds` pairs."""
    return {k: float(v) for k, v in (pair.split("=") for pair in path.read_text().split())}


def fmt(value, spec, r, unit=""):
    if value is None:
        return "—"
    return format(value, spec) + unit + (" ⚠" if r["problems"] else "") + (" †" if r.get("few") else "")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--servers", default="gatehouse moto")
    ap.add_argument("--ops", required=True)
    ap.add_argument("--output", type=Path)
    ap.add_argument("--meta", action="append", default=[], help="Key=Value line for the header")
    ap.add_argument("--sign-in-rounds", type=int, default=1, help="runs of each sign-in, each between two floor timings")
    a = ap.parse_args()
    servers, ops = a.servers.split(), a.ops.split()
    wrk_ops = [o for o in ops if o != SRP_OP]
    results = {(s, o): load(a.out_dir, s, o) for s in servers for o in wrk_ops}
    if SRP_OP in ops:
        results.update({(s, SRP_OP): load_srp(a.out_dir, s) for s in servers})
    empty = {"rps": None, "p50_ms": None, "p99_ms": None, "cpu_per_1k": None, "sips": None, "cpu_per_sign_in": None,
             "errors": None, "problems": []}

    lines = ["# Gatehouse vs moto: cognito-idp throughput", ""]
    lines += [f"- **{k}**: {v}" for k, v in (m.split("=", 1) for m in a.meta)]
    if wrk_ops:
        lines += ["", "| Operation | SQLite req/s | SQLite p50 | SQLite p99 | p99/p50 | PostgreSQL req/s | PostgreSQL p50"
                  " | PostgreSQL p99 | p99/p50 | moto req/s | moto p99 | ratio (SQLite/moto) |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for op in wrk_ops:
            g, p, m = (results.get((s, op)) or empty for s in ("gatehouse", "gatehouse-postgres", "moto"))
            ratio = "—"
            if g["rps"] and m["rps"]:
                ratio = "invalid" if g["problems"] or m["problems"] else f"{g['rps'] / m['rps']:.1f}×"
            cells = []
            for r in (g, p):
                spread = r["p99_ms"] / r["p50_ms"] if r["p99_ms"] and r["p50_ms"] else None
                cells += [fmt(r["rps"], ",.0f", r), fmt(r["p50_ms"], ".2f", r, " ms"), fmt(r["p99_ms"], ".2f", r, " ms"),
                          fmt(spread, ".1f", r, "×")]
            lines.append(f"| {op} | {' | '.join(cells)} | {fmt(m['rps'], ',.0f', m)} | {fmt(m['p99_ms'], '.2f', m, ' ms')} | {ratio} |")
        lines += ["", "Server CPU time (user+system from /proc/PID/stat, from the start of the run until the",
                  "server is idle again) per 1000 requests (completed + the one in flight per connection);",
                  "on PostgreSQL, Gatehouse's process only, not PostgreSQL's:", "",
                  "| Operation | SQLite CPU-ms / 1k req | PostgreSQL CPU-ms / 1k req | moto CPU-ms / 1k req |", "|---|---:|---:|---:|"]
        for op in wrk_ops:
            g, p, m = (results.get((s, op)) or empty for s in ("gatehouse", "gatehouse-postgres", "moto"))
            lines.append(f"| {op} | {fmt(g['cpu_per_1k'], '.1f', g)} | {fmt(p['cpu_per_1k'], '.1f', p)} | {fmt(m['cpu_per_1k'], '.1f', m)} |")
    if SRP_OP in ops:
        g, m = (results.get((s, SRP_OP)) or empty for s in ("gatehouse", "moto"))
        ratio = "—"
        if g["cpu_per_sign_in"] and m["cpu_per_sign_in"]:
            ratio = ("invalid" if g["problems"] or m["problems"]
                     else f"{g['cpu_per_sign_in'] / m['cpu_per_sign_in']:.3g}×")
        lines += ["", f"{SRP_OP}: full USER_SRP_AUTH sign-ins (InitiateAuth, then RespondToAuthChallenge",
                  "PASSWORD_VERIFIER; completed = tokens returned) by SRPSignInBench. Its client-side SRP math",
                  "shares the cores with the server and limits sign-ins/s; the server's CPU time per completed",
                  "sign-in (from the start of the run until the server is idle again) is the figure to compare:", "",
                  "| Server | sign-ins/s | server CPU-ms / sign-in | failed sign-ins |", "|---|---:|---:|---:|"]
        for server in servers:
            r = results.get((server, SRP_OP)) or empty
            lines.append(f"| {NAMES.get(server, server)} | {fmt(r['sips'], ',.1f', r)} | {fmt(r['cpu_per_sign_in'], '.2f', r)}"
                         f" | {'—' if r['errors'] is None else r['errors']} |")
        lines += ["", f"CPU per sign-in, Gatehouse (SQLite)/moto: {ratio}"]
    later_bad = []  # invalid runs after the first, which the main tables do not show
    floor_rows = [(op, label, key, measure, per) for op, label, key, measure, per in (
        ("InitiateAuth", "USER_PASSWORD_AUTH (2 signatures, 1 password check)", "floor_user_password_auth_ms", "cpu_per_1k", 1000),
        (SRP_OP, "SRPSignIn (2 signatures, 1 SRP exchange)", "floor_srp_sign_in_ms", "cpu_per_sign_in", 1))
        if (a.out_dir / f"gatehouse-{op}.floor-before").exists()]
    if floor_rows:
        first = read_floor(a.out_dir / f"gatehouse-{floor_rows[0][0]}.floor-before")
        lines += ["", "Sign-in against the arithmetic it cannot avoid (SignInFloorBench, timed on this machine just",
                  "before and just after each run; the floor is the mean of the two, as the machine's speed drifts).",
                  f"Its first timing: RS256 {first['rs256_sign_ms']:.3f} ms (BoringSSL {first['rs256_sign_boringssl_ms']:.3f} ms), "
                  f"password check {first['password_check_ms']:.3f} ms, SRP exchange {first['srp_exchange_ms']:.3f} ms.", "",
                  "| Sign-in | run | Gatehouse CPU-ms | floor CPU-ms (before, after) | multiple of the floor |",
                  "|---|---:|---:|---:|---:|"]
        for op, label, key, measure, per in floor_rows:
            multiples = []
            for n in range(1, a.sign_in_rounds + 1):
                stem = a.out_dir / (f"gatehouse-{op}" + ("" if n == 1 else f".{n}"))
                r = (load_srp(a.out_dir, "gatehouse", op, stem) if op == SRP_OP
                     else load(a.out_dir, "gatehouse", op, stem))
                if not (r and r.get(measure) and Path(f"{stem}.floor-after").exists()):
                    continue
                if n > 1 and r["problems"]:
                    r["problems"] = [f"run {n}: {p}" for p in r["problems"]]
                    later_bad.append(("gatehouse", op, r))
                cpu = r[measure] / per
                before, after = (read_floor(Path(f"{stem}.floor-{w}"))[key] for w in ("before", "after"))
                multiples.append(cpu / ((before + after) / 2))
                lines.append(f"| {label} | {n} | {fmt(cpu, '.3f', r)} | {(before + after) / 2:.3f} ({before:.3f}, {after:.3f}) "
                             f"| {multiples[-1]:.2f}× |")
            if multiples:
                lines.append(f"| {label} | **median** | | | **{statistics.median(multiples):.2f}×** |")

    bad = [(s, o, r) for (s, o), r in results.items() if r and r["problems"]] + later_bad
    missing = [f"{s} {o}" for (s, o), r in results.items() if r is None]
    ok = "All measured runs: every response was HTTP 200" + (", every sign-in completed." if SRP_OP in ops else ".")
    lines += ["", "⚠ = invalid measurement (see below)." if bad else ok]
    few = [f"{NAMES.get(s, s)} {o} ({r['sign_ins'] if o == SRP_OP else r['requests']})"
           for (s, o), r in results.items() if r and r["few"]]
    if few:
        lines.append("† = fewer than 10 requests per connection (sign-ins per connection) completed, so imprecise: "
                     f"{', '.join(few)}.")
    if missing:
        lines.append(f"Not measured (preparing state failed, see run.sh's log): {', '.join(missing)}.")
    for s, o, r in bad:
        lines += ["", f"### {NAMES.get(s, s)} {o}: {'; '.join(r['problems'])}", ""]
        if o == SRP_OP:
            lines += ["Sign-in parameters given to SRPSignInBench:", "", "```json", r["body"], "```"]
            if r["sample"]:
                lines += ["", "What the first failed sign-in got:", "", "```", r["sample"], "```"]
            continue
        lines += [f"Request: `X-Amz-Target: AWSCognitoIdentityProviderService.{o}`, body:", "",
                  "```json", r["body"], "```"]
        if r["sample"]:
            lines += ["", "Response to the same request made once before the run (first 500 characters):",
                      "", "```", r["sample"], "```"]

    report = "\n".join(lines) + "\n"
    print(report)
    if a.output:
        a.output.write_text(report)
    return 1 if bad or missing else 0


if __name__ == "__main__":
    sys.exit(main())
