"""Demo content for `manage.py load_demo`: real, accurate science; fictional people and organisations."""
