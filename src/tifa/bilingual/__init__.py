"""What tifa reads from an aligned Chinese source: term alignment and the bilingual checks built on it."""
