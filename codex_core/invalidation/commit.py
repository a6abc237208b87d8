"""Run the handlers of written rows' targets once the transaction on their database commits.

Every write registers its own ``on_commit`` hook, so a rolled-back savepoint discards exactly
the hooks registered inside it (Django's own bookkeeping) and nothing else. The hooks of one
transaction share a batch that remembers the targets already dropped during its commit, so a
row saved five times in one transaction costs one ``DEL`` per cache entry, not five.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, transaction

from codex_core.invalidation.registry import Target, registry

_BATCH_ATTR = "_codex_invalidation_batch"


class _Batch:
    """The targets dropped so far while one transaction's hooks run."""

    def __init__(self, hooks: list[Any]) -> None:
        #: ``connection.run_on_commit`` when the batch began. Django replaces that list on
        #: commit and on (savepoint) rollback, so "still the same list" means "same transaction".
        self.hooks = hooks
        self.done: set[Target] = set()


class _Hook:
    """One write's ``on_commit`` callback."""

    def __init__(self, batch: _Batch, targets: set[Target], using: str) -> None:
        self.batch = batch
        self.targets = targets
        self.using = using

    def __call__(self) -> None:
        if connections[self.using].run_on_commit is self.batch.hooks:
            # Run outside a commit: autocommit (one write, one transaction) or a test
            # running captured callbacks. Nothing to share with other hooks.
            todo = self.targets
        else:
            todo = self.targets - self.batch.done
            self.batch.done.update(todo)
        registry.run(todo)

    def __repr__(self) -> str:
        return f"<invalidate on commit of {self.using!r}: {sorted(self.targets, key=repr)!r}>"


def invalidate_on_commit(targets: Iterable[Target], *, using: str | None = None) -> None:
    """Drop ``targets`` once the current transaction on ``using`` commits (now in autocommit).

    A rollback drops nothing; so does the rollback of the savepoint the write ran in.
    """
    todo = set(targets)
    if not todo:
        return
    alias = using or DEFAULT_DB_ALIAS
    connection = connections[alias]
    batch = getattr(connection, _BATCH_ATTR, None)
    if not isinstance(batch, _Batch) or batch.hooks is not connection.run_on_commit:
        batch = _Batch(connection.run_on_commit)
        setattr(connection, _BATCH_ATTR, batch)
    transaction.on_commit(_Hook(batch, todo, alias), using=alias)
