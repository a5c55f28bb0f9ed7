"""Date and number formats the project sets itself, per language (settings.FORMAT_MODULE_PATH)."""
