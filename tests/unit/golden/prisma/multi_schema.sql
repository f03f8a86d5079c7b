-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "audit";

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "base";

-- CreateEnum
CREATE TYPE "audit"."Level" AS ENUM ('LOW', 'HIGH');

-- CreateTable
CREATE TABLE "base"."Owner" (
    "id" INTEGER NOT NULL,

    CONSTRAINT "Owner_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit"."Event" (
    "id" INTEGER NOT NULL,
    "level" "audit"."Level" NOT NULL DEFAULT 'LOW',
    "ownerId" INTEGER NOT NULL,

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Event_ownerId_idx" ON "audit"."Event"("ownerId");

-- AddForeignKey
ALTER TABLE "audit"."Event" ADD CONSTRAINT "Event_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "base"."Owner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
