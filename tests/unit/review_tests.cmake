bellows_add_test(test_review SOURCES test_review.cpp LABELS unit)
