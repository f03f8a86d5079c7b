CREATE VIEW order_countries AS SELECT o.id, c.country FROM orders o JOIN customers c ON c.name = o.customer;
