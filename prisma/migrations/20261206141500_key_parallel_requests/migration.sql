-- AlterTable
ALTER TABLE "api_keys" ADD COLUMN     "max_parallel_requests" INTEGER;

