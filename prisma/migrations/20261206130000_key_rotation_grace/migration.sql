-- AlterTable
ALTER TABLE "api_keys" ADD COLUMN     "previous_secret_hash" TEXT,
ADD COLUMN     "previous_secret_valid_until" TIMESTAMPTZ(3);

