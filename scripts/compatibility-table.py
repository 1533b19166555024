#!/usr/bin/env python3
"""Prints the table of docs/operations.md: every operation of Models/cognito-idp.json and whether
Gatehouse implements it (the names the features in Sources/GatehouseServer/Features register).
GatehouseServerTests checks that docs/operations.md says the same."""
import glob
import json
import os
import re

root = os.path.join(os.path.dirname(__file__), "..")
model = json.load(open(os.path.join(root, "Models", "cognito-idp.json")))
registry = "".join(open(path).read() for path in glob.glob(os.path.join(root, "Sources", "GatehouseServer", "Features", "**", "*.swift"),
                                                             recursive=True))
implemented = set(re.findall(r"register\(Operations\.(\w+)\.self", registry))
print("| Operation | Authorization | Gatehouse |")
print("|---|---|---|")
for name in sorted(model["operations"]):
    auth = "none (public)" if model["operations"][name].get("authtype") == "none" else "SigV4 (IAM)"
    status = "implemented" if name in implemented else "not yet (NotImplementedException)"
    print(f"| `{name}` | {auth} | {status} |")
