CREATE TABLE page_hits (path text NOT NULL, hit_at timestamptz NOT NULL DEFAULT now(), customer_id int);
