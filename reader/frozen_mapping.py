"""A mapping nobody can change once it is made: what a frozen dataclass holds where it would hold a dict."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TypeVar, overload

K = TypeVar("K")
V = TypeVar("V")
D = TypeVar("D")


class FrozenMapping(Mapping[K, V]):
    """A read-only copy of the items it is given.

    A frozen dataclass keeps its fields from being reassigned, not a dict in one from being changed under everyone
    who holds it: a sentence's scores, a model's weights. types.MappingProxyType is read-only too, but does not
    pickle, and an analysis is pickled on its way from the analysis process to the app.
    """

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[K, V] | Iterable[tuple[K, V]] = ()) -> None:
        self._items: dict[K, V] = dict(items)

    def __getitem__(self, key: K) -> V:
        return self._items[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def get(self, key: K, /) -> V | None: ...
    @overload
    def get(self, key: K, default: V | D, /) -> V | D: ...

    def get(self, key, default=None):
        # The dict's own: a model's weights are looked up once a word.
        return self._items.get(key, default)

    def __hash__(self) -> int:
        return hash(frozenset(self._items.items()))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._items!r})"

    def __reduce__(self) -> tuple[type[FrozenMapping], tuple[dict[K, V]]]:
        return type(self), (self._items,)
