"""The record kernel: what every feature stands on (the station, rights, units of work, record kinds, retention, numbering)."""
