-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "accounts" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "user_handle" TEXT NOT NULL,
    "first_name" TEXT NOT NULL,
    "last_name" TEXT NOT NULL,

    CONSTRAINT "account_primary" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "accountId" INTEGER NOT NULL,
    "groupId" INTEGER NOT NULL,

    CONSTRAINT "membership_pk" PRIMARY KEY ("accountId","groupId")
);

-- CreateTable
CREATE TABLE "AVeryLongModelNameThatKeepsGoingAndGoingForeverAndEverAndEverAgain" (
    "id" INTEGER NOT NULL,
    "someExtremelyLongColumnNameNumberOne" TEXT NOT NULL,
    "someExtremelyLongColumnNameNumberTwo" TEXT NOT NULL,
    "ownerId" INTEGER NOT NULL,

    CONSTRAINT "AVeryLongModelNameThatKeepsGoingAndGoingForeverAndEverAndE_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "account_email_unique" ON "accounts"("email");

-- CreateIndex
CREATE UNIQUE INDEX "accounts_user_handle_key" ON "accounts"("user_handle");

-- CreateIndex
CREATE INDEX "by_last_name" ON "accounts"("last_name");

-- CreateIndex
CREATE UNIQUE INDEX "accounts_first_name_last_name_key" ON "accounts"("first_name", "last_name");

-- CreateIndex
CREATE UNIQUE INDEX "membership_by_group" ON "Membership"("groupId", "accountId");

-- CreateIndex
CREATE INDEX "AVeryLongModelNameThatKeepsGoingAndGoingForeverAndEverAndEv_idx" ON "AVeryLongModelNameThatKeepsGoingAndGoingForeverAndEverAndEverAgain"("someExtremelyLongColumnNameNumberOne", "someExtremelyLongColumnNameNumberTwo");

-- CreateIndex
CREATE UNIQUE INDEX "AVeryLongModelNameThatKeepsGoingAndGoingForeverAndEverAndEv_key" ON "AVeryLongModelNameThatKeepsGoingAndGoingForeverAndEverAndEverAgain"("someExtremelyLongColumnNameNumberTwo", "someExtremelyLongColumnNameNumberOne");

-- AddForeignKey
ALTER TABLE "AVeryLongModelNameThatKeepsGoingAndGoingForeverAndEverAndEverAgain" ADD CONSTRAINT "AVeryLongModelNameThatKeepsGoingAndGoingForeverAndEverAndE_fkey" FOREIGN KEY ("ownerId") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
