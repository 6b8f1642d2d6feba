"""Event coding: the CAMEO and PLOVER ontologies and the rules that assign codes to events."""
