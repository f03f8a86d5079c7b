ALTER TYPE item_kind RENAME VALUE 'bulk' TO 'wholesale';
