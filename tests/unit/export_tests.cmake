# core/export: layout of every export format, no server (tests/unit/test_export_layout.cpp).
bellows_add_test(test_export_layout SOURCES test_export_layout.cpp LABELS unit)
