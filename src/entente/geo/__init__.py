"""Geography: the gazetteer that place names are resolved against."""

from entente.geo.gazetteer import Gazetteer, GazetteerEntry, fold, load_gazetteer

__all__ = ["Gazetteer", "GazetteerEntry", "fold", "load_gazetteer"]
