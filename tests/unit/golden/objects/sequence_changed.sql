
-- step: expand:alter-sequence:public.invoice_no
-- phase: expand (Q2) — Change sequence public.invoice_no
-- locks: SRE public.invoice_no (brief); work: none
-- hazards: blocks-writes
ALTER SEQUENCE public.invoice_no AS bigint INCREMENT BY 10 MAXVALUE 9223372036854775807;
-- rollback:
--   ALTER SEQUENCE public.invoice_no AS integer INCREMENT BY 1 MAXVALUE 2147483647;

-- step: expand:sequence-owner:public.invoice_no
-- phase: expand (Q2) — Tie sequence public.invoice_no to public.orders.id
-- locks: SRE public.invoice_no (brief); work: none
ALTER SEQUENCE public.invoice_no OWNED BY public.orders.id;
-- rollback:
--   ALTER SEQUENCE public.invoice_no OWNED BY NONE;
