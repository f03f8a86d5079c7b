
-- step: expand:create-table:public.events_2025
-- phase: expand
-- locks: AE public.events_2025 (brief), AE public.events (brief)
CREATE TABLE public.events_2025 PARTITION OF public.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
-- rollback:
--   DROP TABLE public.events_2025;
