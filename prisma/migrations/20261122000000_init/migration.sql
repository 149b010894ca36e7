
-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "usage_records" (
    "id" BIGSERIAL NOT NULL,
    "request_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "api_key_name" TEXT NOT NULL,
    "company_id" INTEGER,
    "operation" TEXT NOT NULL,
    "route" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "input_tokens" INTEGER NOT NULL DEFAULT 0,
    "output_tokens" INTEGER NOT NULL DEFAULT 0,
    "cache_read_tokens" INTEGER NOT NULL DEFAULT 0,
    "cache_write_tokens" INTEGER NOT NULL DEFAULT 0,
    "reasoning_tokens" INTEGER NOT NULL DEFAULT 0,
    "cost_usd" DECIMAL(20,12) NOT NULL DEFAULT 0,
    "latency_ms" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "used_fallback" BOOLEAN NOT NULL DEFAULT false,
    "streamed" BOOLEAN NOT NULL DEFAULT false,
    "error_kind" TEXT,

    CONSTRAINT "usage_records_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "quota_alerts" (
    "id" BIGSERIAL NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "provider" TEXT NOT NULL,
    "window" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "utilization" DECIMAL(7,4) NOT NULL,
    "used" INTEGER NOT NULL,
    "limit" INTEGER NOT NULL,
    "message" TEXT NOT NULL,

    CONSTRAINT "quota_alerts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "admin_audit" (
    "id" BIGSERIAL NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "key_name" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "detail" JSONB,

    CONSTRAINT "admin_audit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payroll_indicator_sets" (
    "period" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "source" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "imported_by" TEXT NOT NULL,

    CONSTRAINT "payroll_indicator_sets_pkey" PRIMARY KEY ("period")
);

-- CreateTable
CREATE TABLE "payroll_indicator_revisions" (
    "id" BIGSERIAL NOT NULL,
    "import_id" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "imported_by" TEXT NOT NULL,
    "imported_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "format" TEXT NOT NULL,

    CONSTRAINT "payroll_indicator_revisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "knowledge_documents" (
    "id" TEXT NOT NULL,
    "module" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "tags" TEXT[],
    "content" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by" TEXT NOT NULL,

    CONSTRAINT "knowledge_documents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sii_items" (
    "id" BIGSERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "source_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "number" TEXT,
    "published_at" DATE,
    "url" TEXT NOT NULL,
    "pdf_url" TEXT,
    "content_hash" TEXT NOT NULL,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "changed_at" TIMESTAMPTZ(3),
    "analysis" JSONB,
    "priority" INTEGER,
    "notify_state" TEXT NOT NULL DEFAULT 'pending',
    "notify_attempts" INTEGER NOT NULL DEFAULT 0,
    "notified_at" TIMESTAMPTZ(3),
    "last_notify_error" TEXT,

    CONSTRAINT "sii_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sii_page_states" (
    "source_id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "page_hash" TEXT,
    "status" TEXT NOT NULL,
    "http_status" INTEGER,
    "error" TEXT,
    "item_count" INTEGER NOT NULL DEFAULT 0,
    "checked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sii_page_states_pkey" PRIMARY KEY ("source_id")
);

-- CreateTable
CREATE TABLE "sii_runs" (
    "id" BIGSERIAL NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "trigger" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "results" JSONB,
    "new_items" INTEGER NOT NULL DEFAULT 0,
    "changed_items" INTEGER NOT NULL DEFAULT 0,
    "notified" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "sii_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "usage_records_request_id_key" ON "usage_records"("request_id");

-- CreateIndex
CREATE INDEX "usage_records_created_at_idx" ON "usage_records"("created_at");

-- CreateIndex
CREATE INDEX "usage_records_provider_created_at_idx" ON "usage_records"("provider", "created_at");

-- CreateIndex
CREATE INDEX "usage_records_model_created_at_idx" ON "usage_records"("model", "created_at");

-- CreateIndex
CREATE INDEX "usage_records_operation_created_at_idx" ON "usage_records"("operation", "created_at");

-- CreateIndex
CREATE INDEX "usage_records_company_id_created_at_idx" ON "usage_records"("company_id", "created_at");

-- CreateIndex
CREATE INDEX "usage_records_api_key_name_created_at_idx" ON "usage_records"("api_key_name", "created_at");

-- CreateIndex
CREATE INDEX "quota_alerts_created_at_idx" ON "quota_alerts"("created_at");

-- CreateIndex
CREATE INDEX "admin_audit_created_at_idx" ON "admin_audit"("created_at");

-- CreateIndex
CREATE INDEX "payroll_indicator_revisions_period_imported_at_idx" ON "payroll_indicator_revisions"("period", "imported_at");

-- CreateIndex
CREATE INDEX "knowledge_documents_module_idx" ON "knowledge_documents"("module");

-- CreateIndex
CREATE UNIQUE INDEX "sii_items_key_key" ON "sii_items"("key");

-- CreateIndex
CREATE INDEX "sii_items_first_seen_at_idx" ON "sii_items"("first_seen_at");

-- CreateIndex
CREATE INDEX "sii_items_notify_state_idx" ON "sii_items"("notify_state");

-- CreateIndex
CREATE INDEX "sii_runs_started_at_idx" ON "sii_runs"("started_at");

