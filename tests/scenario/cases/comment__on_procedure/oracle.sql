COMMENT ON PROCEDURE purge() IS 'Does nothing yet';
