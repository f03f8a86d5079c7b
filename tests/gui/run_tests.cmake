# The whole flow through the window on the demo database: diff, rename, edit, run behind the
# confirmation dialog, a backfill cancelled and resumed (gui and integration: it starts the
# demo's own PostgreSQL with the fixture cluster's binaries).
bellows_add_test(test_demo_run SOURCES test_demo_run.cpp demo_driver.h LABELS gui integration
                 TIMEOUT 900 LIBS bellows_ui)

# Connect, open a watched target, re-plan on save, parse errors in the banner.
bellows_add_test(test_target_watch SOURCES test_target_watch.cpp LABELS gui integration
                 TIMEOUT 600 LIBS bellows_ui)

# Run Step and Run Phase hold the runner's rails (order, gates, undecided renames) and show the
# ledger's state of a reopened plan.
bellows_add_test(test_run_rails SOURCES test_run_rails.cpp demo_driver.h LABELS gui integration
                 TIMEOUT 600 LIBS bellows_ui)

# The live run panel names the session blocking the runner and terminates it on request.
bellows_add_test(test_run_panel SOURCES test_run_panel.cpp demo_driver.h LABELS gui integration
                 TIMEOUT 300 LIBS bellows_ui)
