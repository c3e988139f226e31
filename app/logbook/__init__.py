"""The main courante: entries, people, attachments, drafts, natures (compartment main_courante)."""
