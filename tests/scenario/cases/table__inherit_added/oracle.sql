ALTER TABLE login_events INHERIT events;
