"""System checks for codex_core settings (ids ``codex_core.E001`` …)."""

from __future__ import annotations
