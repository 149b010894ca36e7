-- CreateTable
CREATE TABLE "knowledge_deletions" (
    "id" TEXT NOT NULL,
    "deleted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_by" TEXT NOT NULL,

    CONSTRAINT "knowledge_deletions_pkey" PRIMARY KEY ("id")
);
