"""spaCy loading and entente's annotators over parsed ``Doc`` objects."""
