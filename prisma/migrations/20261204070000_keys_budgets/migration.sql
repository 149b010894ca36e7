-- CreateTable
CREATE TABLE "api_keys" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "secret_hash" TEXT NOT NULL,
    "secret_hint" TEXT NOT NULL,
    "owner_note" TEXT NOT NULL DEFAULT '',
    "companies" INTEGER[],
    "allowed_models" TEXT[],
    "rpm_limit" INTEGER,
    "tpm_limit" INTEGER,
    "budget_usd" DECIMAL(20,6),
    "budget_period" TEXT,
    "expires_at" TIMESTAMPTZ(3),
    "tags" TEXT[],
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "source" TEXT NOT NULL DEFAULT 'api',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rotated_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "company_budgets" (
    "company_id" INTEGER NOT NULL,
    "limit_usd" DECIMAL(20,6) NOT NULL,
    "period" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "source" TEXT NOT NULL DEFAULT 'api',
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "company_budgets_pkey" PRIMARY KEY ("company_id")
);

-- CreateTable
CREATE TABLE "budget_alerts" (
    "id" BIGSERIAL NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "scope" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "period_start" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "spent_usd" DECIMAL(20,9) NOT NULL,
    "limit_usd" DECIMAL(20,6) NOT NULL,
    "message" TEXT NOT NULL,

    CONSTRAINT "budget_alerts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_name_key" ON "api_keys"("name");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_secret_hash_key" ON "api_keys"("secret_hash");

-- CreateIndex
CREATE INDEX "budget_alerts_created_at_idx" ON "budget_alerts"("created_at");

