from standards.register import admin as register_admin  # noqa: F401
