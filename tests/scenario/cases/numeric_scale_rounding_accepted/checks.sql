SELECT bool_and(amount = round(id + 0.005 * (id % 2), 2)) FROM price
