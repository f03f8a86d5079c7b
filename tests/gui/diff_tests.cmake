# The diff panel over a real comparison (a test database against a target file, loaded into a
# shadow database on the fixture cluster): gui and integration.
bellows_add_test(test_diff_panel SOURCES test_diff_panel.cpp LABELS gui integration
                 TIMEOUT 300 LIBS bellows_ui)
