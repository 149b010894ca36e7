-- Written to apply cleanly whether or not an earlier migration already added correlation_id (IF NOT EXISTS throughout).
-- A usage row's identity is the gateway's own id for that row: one request can write several rows (a failed
-- target, then the one that served), and a caller's X-Request-Id is kept only as a correlation id.
ALTER TABLE "usage_records" ADD COLUMN IF NOT EXISTS "row_id" TEXT;
UPDATE "usage_records" SET "row_id" = "request_id";
ALTER TABLE "usage_records" ALTER COLUMN "row_id" SET NOT NULL;
ALTER TABLE "usage_records" ALTER COLUMN "row_id" SET DEFAULT gen_random_uuid()::text;
CREATE UNIQUE INDEX IF NOT EXISTS "usage_records_row_id_key" ON "usage_records"("row_id");
DROP INDEX IF EXISTS "usage_records_request_id_key";
CREATE INDEX IF NOT EXISTS "usage_records_request_id_idx" ON "usage_records"("request_id");

ALTER TABLE "usage_records" ADD COLUMN IF NOT EXISTS "correlation_id" TEXT;
ALTER TABLE "usage_records" ADD COLUMN IF NOT EXISTS "tags" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];
ALTER TABLE "usage_records" ADD COLUMN IF NOT EXISTS "unpriced" BOOLEAN NOT NULL DEFAULT false;
