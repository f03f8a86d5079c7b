-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "colour" AS ENUM ('red', 'GREEN', 'BLUE');

-- CreateTable
CREATE TABLE "Scalars" (
    "id" BIGSERIAL NOT NULL,
    "text" TEXT NOT NULL DEFAULT 'it''s',
    "int" INTEGER NOT NULL DEFAULT -3,
    "big" BIGINT NOT NULL DEFAULT 5,
    "float" DOUBLE PRECISION NOT NULL DEFAULT 1.5,
    "decimal" DECIMAL(65,30) NOT NULL DEFAULT 2.25,
    "when" TIMESTAMP(3) NOT NULL DEFAULT '2020-01-02 03:04:05 +00:00',
    "stamp" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated" TIMESTAMP(3) NOT NULL,
    "json" JSONB NOT NULL DEFAULT '{"a": 1}',
    "bytes" BYTEA NOT NULL DEFAULT '\x68656c6c6f',
    "flag" BOOLEAN NOT NULL DEFAULT true,
    "color" "colour" NOT NULL DEFAULT 'red',
    "maybe" TEXT,
    "uuid" TEXT NOT NULL,
    "cuid" TEXT NOT NULL,
    "generated" INTEGER NOT NULL DEFAULT 1 + 1,
    "trigger" INTEGER,
    "circle" circle,

    CONSTRAINT "Scalars_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Natives" (
    "id" SMALLSERIAL NOT NULL,
    "text" TEXT NOT NULL,
    "ch" CHAR(3) NOT NULL,
    "vc" VARCHAR NOT NULL,
    "vc2" VARCHAR(200) NOT NULL,
    "bit" BIT(3) NOT NULL,
    "vbit" VARBIT NOT NULL,
    "uuid" UUID NOT NULL,
    "xml" XML NOT NULL,
    "inet" INET NOT NULL,
    "bool" BOOLEAN NOT NULL,
    "int" INTEGER NOT NULL,
    "small" SMALLINT NOT NULL,
    "oid" OID NOT NULL,
    "big" BIGINT NOT NULL,
    "dbl" DOUBLE PRECISION NOT NULL,
    "real" REAL NOT NULL,
    "dec" DECIMAL NOT NULL,
    "dec2" DECIMAL(12,2) NOT NULL,
    "money" MONEY NOT NULL,
    "ts" TIMESTAMP NOT NULL,
    "ts6" TIMESTAMP(6) NOT NULL,
    "tstz" TIMESTAMPTZ NOT NULL,
    "tstz3" TIMESTAMPTZ(3) NOT NULL,
    "date" DATE NOT NULL,
    "time" TIME NOT NULL,
    "timetz" TIMETZ(2) NOT NULL,
    "json" JSON NOT NULL,
    "jsonb" JSONB NOT NULL,
    "bytea" BYTEA NOT NULL,

    CONSTRAINT "Natives_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Lists" (
    "id" SERIAL NOT NULL,
    "empty" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "strings" TEXT[] DEFAULT ARRAY['a''b', 'c']::TEXT[],
    "ints" INTEGER[] DEFAULT ARRAY[1, 2]::INTEGER[],
    "colors" "colour"[] DEFAULT ARRAY['red', 'GREEN']::"colour"[],
    "plain" TEXT[],
    "vcs" VARCHAR(10)[],

    CONSTRAINT "Lists_pkey" PRIMARY KEY ("id")
);
