CREATE TABLE coupons (
    code text PRIMARY KEY,
    percent int NOT NULL CONSTRAINT coupons_percent_range CHECK (percent BETWEEN 1 AND 100),
    customer_id int REFERENCES customers (id),
    valid_until date,
    CONSTRAINT coupons_customer_code_key UNIQUE (customer_id, code)
);
CREATE INDEX coupons_valid_until_idx ON coupons (valid_until) WHERE valid_until IS NOT NULL;
