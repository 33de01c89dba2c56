"""Views of the publicity app: public pages (no login), open data, and the officials' pages."""
