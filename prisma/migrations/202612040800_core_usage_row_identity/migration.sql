-- A usage row's identity is the gateway's own id for that row: one request can write several rows (a failed
-- target, then the one that served), and a caller's X-Request-Id is kept only as a correlation id.
ALTER TABLE "usage_records" ADD COLUMN "row_id" TEXT;
UPDATE "usage_records" SET "row_id" = "request_id";
ALTER TABLE "usage_records" ALTER COLUMN "row_id" SET NOT NULL;
CREATE UNIQUE INDEX "usage_records_row_id_key" ON "usage_records"("row_id");
DROP INDEX "usage_records_request_id_key";
CREATE INDEX "usage_records_request_id_idx" ON "usage_records"("request_id");

ALTER TABLE "usage_records" ADD COLUMN "correlation_id" TEXT;
ALTER TABLE "usage_records" ADD COLUMN "tags" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];
ALTER TABLE "usage_records" ADD COLUMN "unpriced" BOOLEAN NOT NULL DEFAULT false;
