"""reportlab documents: procès-verbaux, rapports, journal extracts (built by later modules)."""
