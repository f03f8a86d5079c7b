ALTER TABLE users ADD CONSTRAINT users_tenant_handle_key UNIQUE (tenant, handle);
