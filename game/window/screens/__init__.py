"""The window's screens. Each module holds one screen; `base` holds the stack."""
