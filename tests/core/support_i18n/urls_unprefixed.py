"""The demo's URLconf with ``prefix_default_language=False``: the default language has no prefix."""

from django.conf.urls.i18n import i18n_patterns

from tests.core.support_i18n.demo_layouts import SHARED, public_pages

urlpatterns = [*SHARED, *i18n_patterns(*public_pages(), prefix_default_language=False)]
