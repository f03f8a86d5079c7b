-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "A" (
    "id" INTEGER NOT NULL,
    "a" INTEGER NOT NULL,
    "b" TEXT,
    "c" TEXT,

    CONSTRAINT "A_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "A_a_idx" ON "A"("a") WHERE (a > 0);

-- CreateIndex
CREATE INDEX "a_b_desc" ON "A"("b" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "a_b_unique" ON "A"("b");

-- CreateIndex
CREATE UNIQUE INDEX "A_c_key" ON "A"("c") WHERE (c IS NOT NULL);
