"""A tiny, deterministic German spaCy pipeline (tok2vec, tagger, morphologizer, parser, ner)
trained in a few seconds on ~15 hand-written news sentences, for tests only.

It overfits its training sentences on purpose: it exists to exercise code that reads
``token.dep_``, ``token.head``, ``token.tag_``, ``token.pos_``, ``token.morph`` and
``doc.ents`` from a user-supplied pipeline, without downloading a model.

Labels follow the TIGER scheme of ``de_core_news_*`` (sb, oa, da, oc, nk, mo, pd, ...,
ROOT, punct), STTS tags, and WikiNER entity labels (PER, ORG, LOC).

    >>> nlp = train_tiny_german()                       # doctest: +SKIP
    >>> nlp.pipe_names                                  # doctest: +SKIP
    ['tok2vec', 'tagger', 'morphologizer', 'parser', 'ner']
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import List, Optional, Union

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example
from thinc.api import Adam
from spacy.util import fix_random_seed, load_config_from_str, load_model_from_config

# --- gold data ---------------------------------------------------------------------------
# One token a line: word  STTS-tag  head-index  dep  entity(BIO)  [morph]
# head-index is 0-based within the sentence; the root points at itself.
# Tokenisation equals spacy.blank("de")'s on the joined text (checked in the check script).

SENTENCES = """
Der        ART     1  nk     O
Minister   NN      2  sb     O
sagte      VVFIN   2  ROOT   O  Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin
am         APPRART 2  mo     O
Montag     NN      3  nk     O
,          $,      2  punct  O
die        ART     7  nk     O
Lage       NN      8  sb     O
sei        VAFIN   2  oc     O  Mood=Sub|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
ernst      ADJD    8  pd     O
.          $.      2  punct  O

„          $(      2  punct  O
Wir        PPER    2  sb     O
sind       VAFIN   6  oc     O  Mood=Ind|Number=Plur|Person=1|Tense=Pres|VerbForm=Fin
bereit     ADJD    2  pd     O
“          $(      2  punct  O
,          $,      6  punct  O
sagte      VVFIN   6  ROOT   O  Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin
Anna       NE      8  pnc    B-PER
Berger     NE      6  sb     I-PER
in         APPR    6  mo     O
Berlin     NE      9  nk     B-LOC
.          $.      6  punct  O

Die        ART     1  nk     O
SPD        NE      2  sb     B-ORG
will       VMFIN   2  ROOT   O  Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
die        ART     4  nk     O
Steuern    NN      6  oa     O
nicht      PTKNEG  6  ng     O
erhöhen    VVINF   2  oc     O  VerbForm=Inf
.          $.      2  punct  O

Nach       APPR    4  mo     O
Angaben    NN      0  nk     O
der        ART     3  nk     O
Polizei    NN      1  ag     O
wurde      VAFIN   4  ROOT   O  Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin
niemand    PIS     4  sb     O
verletzt   VVPP    4  oc     O  VerbForm=Part
.          $.      4  punct  O

Thomas     NE      1  pnc    B-PER
Keller     NE      8  sb     I-PER
,          $,      1  punct  O
der        ART     4  nk     O
Sprecher   NN      1  app    O
der        ART     6  nk     O
Stadtwerke NN      4  ag     B-ORG
,          $,      1  punct  O
erklärte   VVFIN   8  ROOT   O  Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin
,          $,      8  punct  O
man        PIS     11 sb     O
habe       VAFIN   8  oc     O  Mood=Sub|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
den        ART     13 nk     O
Fehler     NN      14 oa     O
gefunden   VVPP    11 oc     O  VerbForm=Part
.          $.      8  punct  O

Die        ART     1  nk     O
Kanzlerin  NN      2  sb     O
reist      VVFIN   2  ROOT   O  Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
am         APPRART 2  mo     O
Mittwoch   NN      3  nk     O
nach       APPR    2  mo     O
Brüssel    NE      5  nk     B-LOC
.          $.      2  punct  O

Er         PPER    1  sb     O
gab        VVFIN   1  ROOT   O  Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin
dem        ART     3  nk     O
Verband    NN      1  da     O
keine      PIAT    5  nk     O
Antwort    NN      1  oa     O
.          $.      1  punct  O

Laut       APPR    3  mo     O
Deutscher  ADJA    2  nk     B-ORG
Bahn       NN      0  nk     I-ORG
fallen     VVFIN   3  ROOT   O  Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin
heute      ADV     3  mo     O
viele      PIAT    6  nk     O
Züge       NN      3  sb     O
aus        PTKVZ   3  svp    O
.          $.      3  punct  O

Die        ART     1  nk     O
Sprecherin NN      2  sb     O
betonte    VVFIN   2  ROOT   O  Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin
:          $.      2  punct  O
„          $(      6  punct  O
Wir        PPER    6  sb     O
werden     VAFIN   2  oc     O  Mood=Ind|Number=Plur|Person=1|Tense=Pres|VerbForm=Fin
das        ART     8  nk     O
Projekt    NN      9  oa     O
fortsetzen VVINF   6  oc     O  VerbForm=Inf
.          $.      6  punct  O
“          $(      6  punct  O

Der        ART     1  nk     O
Bürgermeister NN   4  sb     O
von        APPR    1  pg     O
Hamburg    NE      2  nk     B-LOC
hatte      VAFIN   4  ROOT   O  Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin
die        ART     6  nk     O
Pläne      NN      10 oa     O
bereits    ADV     10 mo     O
im         APPRART 10 mo     O
Mai        NN      8  nk     O
vorgestellt VVPP   4  oc     O  VerbForm=Part
.          $.      4  punct  O

Kritiker   NN      1  sb     O
werfen     VVFIN   1  ROOT   O  Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin
der        ART     3  nk     O
Regierung  NN      1  da     O
vor        PTKVZ   1  svp    O
,          $,      1  punct  O
sie        PPER    7  sb     O
habe       VAFIN   1  oc     O  Mood=Sub|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
zu         PTKA    9  mo     O
spät       ADJD    10 mo     O
reagiert   VVPP    7  oc     O  VerbForm=Part
.          $.      1  punct  O

Die        ART     2  nk     O
Vereinten  ADJA    2  nk     B-ORG
Nationen   NN      3  sb     I-ORG
warnten    VVFIN   3  ROOT   O  Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin
vor        APPR    3  op     O
einer      ART     6  nk     O
Hungersnot NN      4  nk     O
in         APPR    6  mnr    O
Ostafrika  NE      7  nk     B-LOC
.          $.      3  punct  O

Maria      NE      1  pnc    B-PER
Schneider  NE      7  sb     I-PER
,          $,      1  punct  O
Chefin     NN      1  app    O
des        ART     5  nk     O
Konzerns   NN      3  ag     O
,          $,      1  punct  O
wollte     VMFIN   7  ROOT   O  Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin
sich       PRF     10 oa     O
nicht      PTKNEG  10 ng     O
äußern     VVINF   7  oc     O  VerbForm=Inf
.          $.      7  punct  O

Das        PDS     1  sb     O
sei        VAFIN   6  oc     O  Mood=Sub|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
ein        ART     4  nk     O
wichtiger  ADJA    4  nk     O
Schritt    NN      1  pd     O
,          $,      6  punct  O
sagte      VVFIN   6  ROOT   O  Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin
ein        ART     8  nk     O
Sprecher   NN      6  sb     O
des        ART     10 nk     O
Ministeriums NN    8  ag     O
.          $.      6  punct  O

In         APPR    2  mo     O
München    NE      0  nk     B-LOC
demonstrierten VVFIN 2 ROOT  O  Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin
am         APPRART 2  mo     O
Samstag    NN      3  nk     O
tausende   PIAT    6  nk     O
Menschen   NN      2  sb     O
gegen      APPR    2  mo     O
die        ART     10 nk     O
neue       ADJA    10 nk     O
Regelung   NN      7  nk     O
.          $.      2  punct  O

Der        ART     1  nk     O
Konzern    NN      3  sb     O
Siemens    NE      1  nk     B-ORG
teilte     VVFIN   3  ROOT   O  Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin
mit        PTKVZ   3  svp    O
,          $,      3  punct  O
dass       KOUS    10 cp     O
die        ART     8  nk     O
Gespräche  NN      10 sb     O
fortgesetzt VVPP   10 oc     O  VerbForm=Part
würden     VAFIN   3  oc     O  Mood=Sub|Number=Plur|Person=3|Tense=Past|VerbForm=Fin
.          $.      3  punct  O
"""

# STTS -> Universal POS (as in spaCy's German tag map); the morphologizer predicts POS + features.
STTS_TO_UPOS = {
    "$(": "PUNCT", "$,": "PUNCT", "$.": "PUNCT", "ADJA": "ADJ", "ADJD": "ADJ", "ADV": "ADV",
    "APPR": "ADP", "APPRART": "ADP", "ART": "DET", "KOUS": "SCONJ", "NE": "PROPN", "NN": "NOUN",
    "PDS": "PRON", "PIAT": "DET", "PIS": "PRON", "PPER": "PRON", "PRF": "PRON", "PTKA": "PART",
    "PTKNEG": "PART", "PTKVZ": "ADP", "VAFIN": "AUX", "VMFIN": "VERB", "VVFIN": "VERB",
    "VVINF": "VERB", "VVPP": "VERB",
}

CONFIG = """
[nlp]
lang = "de"
pipeline = {pipeline}
batch_size = 16

[components]

[components.tok2vec]
factory = "tok2vec"

[components.tok2vec.model]
@architectures = "spacy.Tok2Vec.v2"

[components.tok2vec.model.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = {width}
attrs = ["NORM", "PREFIX", "SUFFIX", "SHAPE"]
rows = [1000, 500, 500, 100]
include_static_vectors = false

[components.tok2vec.model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = {width}
depth = {depth}
window_size = 1
maxout_pieces = 2

[components.tagger]
factory = "tagger"

[components.tagger.model]
@architectures = "spacy.Tagger.v2"
nO = null

[components.tagger.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = {width}
upstream = "tok2vec"

[components.morphologizer]
factory = "morphologizer"

[components.morphologizer.model]
@architectures = "spacy.Tagger.v2"
nO = null

[components.morphologizer.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = {width}
upstream = "tok2vec"

[components.parser]
factory = "parser"
learn_tokens = false
min_action_freq = 1

[components.parser.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "parser"
extra_state_tokens = false
hidden_width = {hidden}
maxout_pieces = 2
use_upper = true
nO = null

[components.parser.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = {width}
upstream = "tok2vec"

[components.ner]
factory = "ner"

[components.ner.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = {hidden}
maxout_pieces = 2
use_upper = true
nO = null

[components.ner.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = {width}
upstream = "tok2vec"
"""


def _parse_block(block: str) -> dict:
    words, tags, heads, deps, ents, morphs = [], [], [], [], [], []
    for line in block.strip().splitlines():
        cols = line.split()
        words.append(cols[0])
        tags.append(cols[1])
        heads.append(int(cols[2]))
        deps.append(cols[3])
        ents.append(cols[4])
        morphs.append(cols[5] if len(cols) > 5 else "")
    return {"words": words, "tags": tags, "heads": heads, "deps": deps, "ents": ents, "morphs": morphs}


def gold_sentences() -> List[dict]:
    """The gold sentences as dicts of parallel lists (words, tags, heads, deps, ents, morphs)."""
    return [_parse_block(b) for b in SENTENCES.strip().split("\n\n")]


def _spaces(words: List[str]) -> List[bool]:
    """Whitespace after each word as in ordinary German text (no space before , . : “ etc.)."""
    no_space_before = {",", ".", ":", "“"}
    spaces = []
    for i, word in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else None
        spaces.append(nxt is not None and word != "„" and nxt not in no_space_before)
    return spaces


def sentence_text(sent: dict) -> str:
    return Doc(spacy.blank("de").vocab, words=sent["words"], spaces=_spaces(sent["words"])).text


def _example(nlp: Language, sents: List[dict]) -> Example:
    words, tags, heads, deps, ents, morphs, pos, sent_starts = [], [], [], [], [], [], [], []
    spaces: List[bool] = []
    for sent in sents:
        offset = len(words)
        words += sent["words"]
        sp = _spaces(sent["words"])
        sp[-1] = True  # a space between sentences of a multi-sentence doc
        spaces += sp
        tags += sent["tags"]
        heads += [h + offset for h in sent["heads"]]
        deps += sent["deps"]
        ents += sent["ents"]
        morphs += sent["morphs"]
        pos += [STTS_TO_UPOS[t] for t in sent["tags"]]
        sent_starts += [1] + [0] * (len(sent["words"]) - 1)
    spaces[-1] = False
    predicted = Doc(nlp.vocab, words=words, spaces=spaces)
    reference = Doc(nlp.vocab, words=words, spaces=spaces, tags=tags, pos=pos, morphs=morphs,
                    heads=heads, deps=deps, ents=ents, sent_starts=sent_starts)
    return Example(predicted, reference)


def training_examples(nlp: Language) -> List[Example]:
    """Each sentence paired with the next one (cyclically) as a two-sentence doc.

    With single-sentence docs only, the parser never sees a sentence break and glues the
    sentences of a longer text together; with pairs it splits 15/15 pairs and 14/14 triples.
    """
    sents = gold_sentences()
    n = len(sents)
    return [_example(nlp, [sents[i], sents[(i + 1) % n]]) for i in range(n)]


def train_tiny_german(path: Optional[Union[str, Path]] = None, *, n_iter: int = 20, seed: int = 0,
                      width: int = 32, depth: int = 2, hidden: int = 64,
                      tagger: bool = True, morphologizer: bool = True,
                      learn_rate: float = 0.005) -> Language:
    """Train the tiny pipeline (deterministic for a given seed) and save it to ``path`` if given."""
    pipeline = ["tok2vec"] + (["tagger"] if tagger else []) + \
        (["morphologizer"] if morphologizer else []) + ["parser", "ner"]
    config_str = CONFIG.format(pipeline="[" + ", ".join(f'"{p}"' for p in pipeline) + "]",
                               width=width, depth=depth, hidden=hidden)
    config = load_config_from_str(config_str)
    for name in ("tagger", "morphologizer"):
        if name not in pipeline:
            del config["components"][name]
    fix_random_seed(seed)
    nlp = load_model_from_config(config, auto_fill=True, validate=True)
    examples = training_examples(nlp)
    optimizer = nlp.initialize(lambda: examples, sgd=Adam(learn_rate))
    rng = random.Random(seed)
    for _ in range(n_iter):
        rng.shuffle(examples)
        for start in range(0, len(examples), 4):
            nlp.update(examples[start:start + 4], sgd=optimizer, drop=0.0)
    if path is not None:
        nlp.to_disk(path)
    return nlp
