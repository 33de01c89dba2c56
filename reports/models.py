"""Reporting periods' progress forms, review and consolidation (see the reports issue)."""
