DROP TYPE unused_kind;
