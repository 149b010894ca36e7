#!/usr/bin/env bash
# Writes a new migration with the DDL between the schema as of the newest committed migration and the
# working prisma/schema.prisma:   npm run db:diff -- <name>
# (Prisma's JS engine cannot diff against a live database while an adapter is configured, so the previous
# datamodel comes from git: the schema.prisma of the commit that last changed prisma/migrations.)
set -euo pipefail
name=${1:?usage: npm run db:diff -- <migration_name>}
cd "$(dirname "$0")/.."
base_commit=$(git log -1 --format=%H -- prisma/migrations)
previous=$(mktemp --suffix=.prisma)
trap 'rm -f "$previous"' EXIT
git show "$base_commit:prisma/schema.prisma" > "$previous"
url=$(scripts/services.sh start | sed -n 's/^DATABASE_URL=//p')
sql=$(DATABASE_URL="$url" node scripts/prisma.js migrate diff --from-schema-datamodel "$previous" --to-schema-datamodel prisma/schema.prisma --script | grep -v '^Loaded Prisma config')
if ! grep -v '^--' <<<"$sql" | grep -q '[A-Za-z]'; then echo "schema.prisma has no change since the last migration: nothing to write"; exit 0; fi
dir="prisma/migrations/$(date -u +%Y%m%d%H%M%S)_${name}"
mkdir -p "$dir" && printf '%s\n' "$sql" > "$dir/migration.sql"
echo "wrote $dir/migration.sql (review it, then commit it with schema.prisma)"
