# The run confirmation and gate dialogs (offscreen; no server).
bellows_add_test(test_confirmation_dialog SOURCES test_confirmation_dialog.cpp sample_plan.h
                 LABELS gui LIBS bellows_ui)
