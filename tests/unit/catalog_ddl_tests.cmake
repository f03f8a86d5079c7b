bellows_add_test(test_catalog_ddl SOURCES test_catalog_ddl.cpp LABELS unit)
