DROP TABLE customer_tags;
