SELECT enum_range(NULL::order_state)::text = '{new,packed,shipped}'
