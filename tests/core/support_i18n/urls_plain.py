"""The demo's URLconf without a language prefix, as ``i18n_patterns`` builds it under ``USE_I18N = False``."""

from tests.core.support_i18n.demo_layouts import SHARED, public_pages

urlpatterns = [*SHARED, *public_pages()]
