"""The access journal: who did what to which record, hash-chained and verifiable."""
