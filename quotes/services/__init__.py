"""Services: the only code that writes to the database, one module per area."""
