"""Use cases: the only way to read or write police data, rights and journal included."""
