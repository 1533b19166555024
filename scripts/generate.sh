#!/usr/bin/env bash
# Regenerates Sources/CognitoModel/Generated from Models/cognito-idp.json. Commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."
swift run ModelGenerator Models/cognito-idp.json Sources/CognitoModel/Generated
