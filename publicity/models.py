"""Disclosures and citizens' feedback (see the publicity issue)."""
