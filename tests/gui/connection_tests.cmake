# Connection profiles, the connect dialog (Test connection against the test cluster) and the
# log dock (statements of real connections): gui + integration, so they get the pg fixture.
bellows_add_test(test_connection_dialog SOURCES test_connection_dialog.cpp
                 LABELS gui integration TIMEOUT 120 LIBS bellows_ui)
bellows_add_test(test_log_dock SOURCES test_log_dock.cpp
                 LABELS gui integration TIMEOUT 120 LIBS bellows_ui)
