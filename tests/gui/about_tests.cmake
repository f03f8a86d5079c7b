# Help → About (ui/about_dialog): version, component versions, icon; writes
# docs/screenshots/about.png when BELLOWS_SCREENSHOT_DIR is set.
bellows_add_test(test_about_dialog SOURCES test_about_dialog.cpp LABELS gui LIBS bellows_ui)
