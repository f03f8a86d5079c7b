DROP FUNCTION is_bulk(item_kind);
DROP TYPE item_kind;
