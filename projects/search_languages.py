"""The text search configuration of each language a project can be written in (Project.language).

PostgreSQL's Snowball stemmer of the language, on accent-folded text (portal_fold, migration 0003). PostgreSQL has
no Polish stemmer: Polish words are indexed and searched as they are ('simple'), folded. Each language has a GIN
index of its own over the public projects' vectors (Project.Meta), so a search parses the words in each language
and each index answers for its own projects only: a German project is matched by the German stems of the words,
an English one by the English stems, as before.
"""

SEARCH_CONFIGS = {"en": "english", "de": "german", "fr": "french", "es": "spanish", "pl": "simple"}
DEFAULT_CONFIG = SEARCH_CONFIGS["en"]
