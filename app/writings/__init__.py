"""Écrits: procès-verbaux and rapports, addenda, transmissions, court outcomes, NATINF (compartment ecrits)."""
