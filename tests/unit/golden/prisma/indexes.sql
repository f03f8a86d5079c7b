-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Item" (
    "id" INTEGER NOT NULL,
    "a" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "tags" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL,
    "d" INTEGER NOT NULL,

    CONSTRAINT "Item_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Item_a_key" ON "Item"("a");

-- CreateIndex
CREATE UNIQUE INDEX "Item_d_key" ON "Item"("d");

-- CreateIndex
CREATE INDEX "Item_createdAt_idx" ON "Item"("createdAt" DESC);

-- CreateIndex
CREATE INDEX "Item_key_idx" ON "Item"("key" text_pattern_ops);

-- CreateIndex
CREATE INDEX "Item_tags_idx" ON "Item" USING GIN ("tags" array_ops);

-- CreateIndex
CREATE INDEX "item_key_created" ON "Item"("key" DESC, "createdAt");

-- CreateIndex
CREATE INDEX "item_key_hash" ON "Item" USING HASH ("key");

-- CreateIndex
CREATE INDEX "item_created_brin" ON "Item" USING BRIN ("createdAt");

-- CreateIndex
CREATE INDEX "item_key_spgist" ON "Item" USING SPGIST ("key");

-- CreateIndex
CREATE UNIQUE INDEX "Item_a_d_key" ON "Item"("a", "d");
