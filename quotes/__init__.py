"""zitate: find quotes in German news text and say who said them.

>>> import quotes
>>> [(q.type, q.speaker.text) for q in quotes.extract("„Das reicht“, sagte sie.")]
[('direct', 'sie')]
"""

from .extract import Extractor, extract
from .model import Cue, Quote, Speaker
from .ruleset import RuleError, load_rules

__all__ = ["Cue", "Extractor", "Quote", "RuleError", "Speaker", "extract", "load_rules"]
__version__ = "0.1.0"
