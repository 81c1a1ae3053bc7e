"""What the core says: the neutral Reply, the catalogue of texts in both languages, formatting."""
