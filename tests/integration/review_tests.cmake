bellows_add_test(test_approval SOURCES test_approval.cpp LABELS integration TIMEOUT 300)
