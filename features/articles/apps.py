from django.apps import AppConfig


def article_targets(row: object) -> list[tuple[str, ...]]:
    """What an article's row feeds: its own page and every list of articles (home, list, sitemaps)."""
    return [("article", str(getattr(row, "pk", ""))), ("article_list",)]


class ArticlesConfig(AppConfig):
    name = "features.articles"
    label = "articles"

    def ready(self) -> None:
        from codex_core.invalidation import register_model
        from codex_core.pagecache import register_page_tag_kind

        register_model(self.get_model("Article"), targets=article_targets)
        register_page_tag_kind("article")
        register_page_tag_kind("article_list")
