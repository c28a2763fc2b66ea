#!/bin/sh
# Started by `shopify app dev` (shopify.web.toml) from the repository root: builds the jar and runs it in the local
# `dev` mode (embedded database, generated encryption key) with the development app's credentials and tunnel URL.
set -eu
cd "$(dirname "$0")"
mvn -B -q -DskipTests -Dcds.skip package
export SHOPIFY_APP_URL="${HOST:?run through shopify app dev}"
export MICRONAUT_SERVER_PORT="${PORT:?run through shopify app dev}"
export MICRONAUT_ENVIRONMENTS="${MICRONAUT_ENVIRONMENTS:-dev}"
exec java -jar "$(ls target/returns-drawer-*.jar | grep -v original | head -n 1)"
