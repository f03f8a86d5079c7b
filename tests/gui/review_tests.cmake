# Review mode: the review panel, the plan model's review roles and the timeline's badges.
bellows_add_test(test_review_panel SOURCES test_review_panel.cpp sample_plan.h LABELS gui
                 LIBS bellows_ui)
