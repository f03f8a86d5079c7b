-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Legacy" (
    "id" INTEGER NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "Legacy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Live" (
    "id" INTEGER NOT NULL,
    "old" INTEGER NOT NULL,

    CONSTRAINT "Live_pkey" PRIMARY KEY ("id")
);
