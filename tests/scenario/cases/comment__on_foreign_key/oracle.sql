COMMENT ON CONSTRAINT refunds_order_id_fkey ON refunds IS 'Refund of an order';
