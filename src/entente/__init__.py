"""entente: evidence-linked country-to-country event data from news text."""

from entente.records import Actor, Document, Extraction, Money, Reject

__version__ = "0.3.0"

__all__ = ["Actor", "Document", "Extraction", "Money", "Reject", "__version__"]
