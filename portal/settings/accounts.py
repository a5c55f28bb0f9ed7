"""Settings of one concern, applied by base.py: `configure(settings)` changes the settings module's names."""


def configure(s):
    """`s` is base.py's globals(): append to s["MIDDLEWARE"], s["INSTALLED_APPS"] … and set names."""
