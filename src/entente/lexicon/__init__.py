"""Lexicon: PETRARCH/TABARI dictionaries and the tools that use them."""
