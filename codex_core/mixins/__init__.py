"""Reusable abstract model mixins and the admin fieldsets that go with them."""
