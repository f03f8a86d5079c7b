CREATE TABLE invoices (id int NOT NULL, customer text NOT NULL, total numeric(10,2) NOT NULL,
                       CONSTRAINT invoices_pkey PRIMARY KEY (id));
CREATE PUBLICATION bellows_scenario_invoices FOR TABLE invoices;
