ALTER TABLE public.orders ADD COLUMN currency text NOT NULL DEFAULT 'USD';
ALTER TABLE eu.orders ADD COLUMN currency text NOT NULL DEFAULT 'EUR';
