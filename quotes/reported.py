"""Stage 4b: reported speech — indirect and mixed quotes, and continuations.

Rules, each named in the output's ``rule`` field:

- ``indirect.cue-before``: *Putin sagte (am Montag), Belarus habe …* / *…, dass …* /
  *Wie das Ministerium mitteilte, …* / *In der Mitteilung hieß es, …*. A V2 clause must
  be in Konjunktiv; a *dass*/*ob* clause or a *wie*-cue needs no mood.
- ``indirect.infinitive``: *Der Rat kündigte an, die Vorfälle untersuchen zu lassen.* — the
  *zu*-infinitive object of a cue verb (not *um … zu*).
- ``indirect.cue-after``: *Belarus habe …, sagte Putin.* / *…, so Gürth.* / *…, hieß es.*
- ``indirect.preposition``: *Laut Polizei seien …* / *X zufolge …* / *Nach Angaben von X …* /
  *Seiner Meinung nach …* / *Demnach …* (the source of the sentence before) / *nach eigenen
  Angaben* (the clause's subject)
- ``indirect.anaphoric``: *R. Das bestätigte die Polizei.* — the sentence before the cue.
- ``indirect.relative``: *Gerüchte, wonach R* / *ein Bericht, dem zufolge R*.
- ``indirect.continuation`` (in :func:`continue_speakers`): a following sentence in
  Konjunktiv with no cue of its own keeps the last speaker, until an indicative
  narrative sentence or a new cue. Unattributed direct quotes take that speaker too
  (``direct.continuation``).
- ``indirect.konjunktiv``: any other sentence in Konjunktiv I is reported speech (news
  narration does not use it); its source is the one named just before, if any.

A reported clause that contains quotation marks is ``mixed``; its quoted fragments
are not reported again as separate direct quotes.
"""

from __future__ import annotations

import attrs

from .analysis import Analysis, Sentence
from .cues import CueHit, clause_end
from .frames import (CLOSING_MARK, CONFIDENCE as DIRECT_CONFIDENCE, PASSIVE_AUXILIARIES, Frame, Mention,
                     _sentence_floor, antecedent, can_speak, clause_start_before, cue_of, cue_subject,
                     document_source, finite_verb, mention_of, passive_auxiliary_before, person_like,
                     verb_subject)
from .lexicon import lexicon_for
from .model import Cue
from .mood import clause_mood, word_mood
from .ruleset import Rules
from .speakers import NounPhrase, subject_after
from .words import WORD, Vocabulary, Word, tokenize, vocabulary_for

CONFIDENCE = {"indirect.cue-before": 0.8, "indirect.infinitive": 0.7, "indirect.cue-after": 0.75,
              "indirect.preposition": 0.7, "indirect.anaphoric": 0.65, "indirect.relative": 0.65,
              "indirect.continuation": 0.6, "indirect.konjunktiv": 0.5}
_CLAUSE_OPENERS = frozenset({"dass", "daß", "ob"})
_TRAILING = ".!?…:;,–—- \n\t"
_MIN_WORDS = 3
_ATTRIBUTED_DIRECT = frozenset({"direct.cue-after", "direct.cue-before", "direct.colon", "direct.dash",
                                "direct.interrupted", "direct.colon-clause"})


def reported_frames(analysis: Analysis, direct: list[Frame], rules: Rules) -> list[Frame]:
    """Indirect and mixed quotes of the document (continuations excluded)."""
    frames: list[Frame] = []
    for sentence in analysis.sentences:
        frames.extend(_relative_reports(analysis, sentence, rules))
        if not sentence.cues:
            continue
        anaphoric = _anaphoric_frame(analysis, sentence, rules)
        if anaphoric is not None:
            frames.append(anaphoric)
            continue
        for hit in sentence.cues:
            frame = _frame_for(analysis, sentence, hit, rules)
            if frame is not None:
                frames.extend(frame)
    return _drop_overlaps(analysis, frames, direct)


def _frame_for(analysis: Analysis, sentence: Sentence, hit: CueHit, rules: Rules) -> list[Frame] | None:
    if hit.kind == "noun":
        frame = _noun_before(analysis, sentence, hit, rules)
        return [frame] if frame is not None else None
    if hit.kind in ("verb", "impersonal"):
        found: list[Frame] = []
        before = _cue_before(analysis, sentence, hit, rules)
        if before is not None:
            found.append(before)
        after = _cue_after(analysis, sentence, hit, rules)
        if after is not None:
            found.append(after)
        return found
    if hit.kind == "preposition":
        frame = _prepositional(analysis, sentence, hit, rules)
        if isinstance(frame, list):
            return frame
        return [frame] if frame is not None else None
    return None


def _relative_reports(analysis: Analysis, sentence: Sentence, rules: Rules) -> list[Frame]:
    """*Gerüchte, wonach R* / *ein Bericht, dem zufolge R*: R reports what the noun before says."""
    words = sentence.words
    found = []
    for position in range(1, len(words) - 3):
        if position in sentence.quoted:
            continue
        lower = words[position].lower
        if lower == "wonach" and words[position - 1].text == ",":
            comma, start = position - 1, position + 1
        elif lower in ("denen", "dem", "der") and words[position + 1].lower == "zufolge" \
                and words[position - 1].text == ",":
            comma, start = position - 1, position + 2
        else:
            continue
        end = _relative_end(words, start, rules)
        phrase = antecedent(list(words), comma, rules)
        frame = _make(analysis, sentence, "indirect.relative", start, end, None,
                      mention_of(sentence, phrase), rules)
        if frame is not None:
            cue = Cue(text=analysis.text[words[position].start:words[start - 1].end], start=words[position].start,
                      end=words[start - 1].end, lemma="wonach" if lower == "wonach" else "zufolge",
                      kind="preposition", medium="speech")
            found.append(attrs.evolve(frame, cue=cue))
    return found


def _relative_end(words: tuple[Word, ...], start: int, rules: Rules) -> int:
    """A verb-final clause ends at the first comma after its finite verb (or the sentence end)."""
    seen_verb = False
    for position in range(start, len(words)):
        word = words[position]
        if word.text in (";", ":", ".", "!", "?"):
            return position
        if word.text == "," and seen_verb:
            return position
        if word.is_word and not word.is_cap and word_mood(word.text, rules) is not None:
            seen_verb = True
    return len(words)


_ANAPHORS = frozenset({"dies", "das", "dieses"})
_ANAPHORIC_AUXILIARIES = frozenset("hat hatte habe ist war muss musste will wollte kann konnte darf durfte soll "
                                   "sollte mochte".split())


def _anaphoric_cue(analysis: Analysis, sentence: Sentence, rules: Rules) -> tuple[CueHit, Mention | None] | None:
    """*Das teilte die Polizei mit.* / *Dies bestätigte der Vatikan.*: a short sentence whose
    object *das* stands for the sentence before; the cue and the source it gives that sentence."""
    words = sentence.words
    if len(words) < 3 or words[0].lower not in _ANAPHORS or sentence.quoted:
        return None
    hit = next((h for h in sentence.cues if h.start == 1 and h.kind == "verb"
                and h.tag in ("present", "past")), None)
    finite = 1
    if hit is not None and hit.plural:
        return None
    if hit is None and words[1].lower in _ANAPHORIC_AUXILIARIES:
        # "Das musste X zugeben.", "Das hat die Polizei bestätigt.": the cue ends the clause
        end = clause_end(list(words), 2)
        hit = next((h for h in sentence.cues if h.kind == "verb" and h.start == end - 1 > 2
                    and not any(w.lower in ("und", "oder", "aber") for w in words[2:h.start])), None)
    if hit is None:
        return None
    phrase = subject_after(list(words), finite, rules, limit=hit.start if hit.start > finite else None)
    if phrase is None or any(w.text == "," for w in words[hit.end:phrase.start]):
        return None
    return hit, mention_of(sentence, phrase)


def _anaphoric_frame(analysis: Analysis, sentence: Sentence, rules: Rules) -> Frame | None:
    """The sentence before an anaphoric cue sentence, as an indirect quote of its source."""
    if sentence.index == 0:
        return None
    found = _anaphoric_cue(analysis, sentence, rules)
    previous = analysis.sentences[sentence.index - 1]
    if found is None or previous.paragraph != sentence.paragraph:
        return None
    if not previous.words:  # a sentence with no cue word was not tokenized
        previous = attrs.evolve(previous, words=tuple(tokenize(analysis.text[previous.start:previous.end],
                                                                previous.start)))
    hit, mention = found
    frame = _make(analysis, previous, "indirect.anaphoric", 0, len(previous.words), None, mention, rules)
    if frame is None:
        return None
    return attrs.evolve(frame, cue=cue_of(sentence, hit, analysis.text))


def _make(analysis: Analysis, sentence: Sentence, rule: str, start: int, end: int, hit: CueHit | None,
          mention: Mention | None, rules: Rules, unnamed: bool = False, confidence: float | None = None) -> Frame | None:
    """A frame over words[start:end] of the sentence, trimmed; mixed if it holds marks."""
    words = sentence.words
    while start < end and not words[start].is_word and words[start].text not in "„»«\"‚›‹“":
        start += 1
    while end > start and words[end - 1].text in _TRAILING:
        end -= 1
    if sum(1 for w in words[start:end] if w.is_word) < _MIN_WORDS:
        return None
    char_start, char_end = words[start].start, words[end - 1].end
    text = analysis.text
    near = analysis.marks_near(char_start, char_end)
    if any(not (char_start <= m.open_start and m.close_end <= char_end) for m in near):
        # the clause cuts through a direct quote: extend it to hold the whole quote
        for m in near:
            if m.open_start < char_end <= m.close_end:
                char_end = m.close_end
        near = analysis.marks_near(char_start, char_end)
    fragments = tuple((m.open_start, m.close_end) for m in near
                      if char_start <= m.open_start and m.close_end <= char_end)
    covered = sum(e - s for s, e in fragments)
    if fragments and covered >= 0.8 * (char_end - char_start) \
            and not _verb_outside(words, start, end, fragments, rules):
        return None  # a direct quote, not reported speech ("er sei „…“" is mixed: its verb is outside)
    while char_end > char_start and text[char_end - 1] in ".!?… ":
        char_end -= 1
    cue = cue_of(sentence, hit, text) if hit is not None else None
    return Frame("mixed" if fragments else "indirect", char_start, char_end, mention, cue,
                 CONFIDENCE[rule] if confidence is None else confidence, rule,
                 analysis.paragraph_of(char_start), mark=None, unnamed_source=unnamed, fragments=fragments)


def _verb_outside(words: tuple[Word, ...], start: int, end: int, fragments: tuple[tuple[int, int], ...],
                  rules: Rules) -> bool:
    """A verb of the reported clause stands outside its quoted fragments (*er sei „…“*)."""
    return any(w.is_word and not any(s <= w.start < e for s, e in fragments) and word_mood(w.text, rules) is not None
               for w in words[start:end])


def _next_comma(words: tuple[Word, ...], index: int) -> int | None:
    """The next comma of this clause; a short quoted name on the way is skipped
    (*sagte der „Berliner Zeitung“, dass …*)."""
    position = index
    while position < len(words):
        text = words[position].text
        if text == ",":
            return position
        if text in CLOSING_MARK:
            close = next((p for p in range(position + 1, min(len(words), position + 8))
                          if words[p].text == CLOSING_MARK[text]), None)
            if close is None:
                return None
            position = close + 1
            continue
        if text in (".", "!", "?", ";", ":"):
            return None
        position += 1
    return None


def _colon_before_report(words: tuple[Word, ...], index: int, quoted: frozenset[int] | set[int]) -> int | None:
    """A colon that ends the cue clause before a reported clause (*X bezweifelte die Eignung: Er habe
    „…“*); a quotation mark right after it opens a direct quote instead."""
    for position in range(index, len(words) - 1):
        text = words[position].text
        if text == ":" and position not in quoted:
            return position if words[position + 1].is_word else None
        if text in (",", ";", ".", "!", "?") or text in CLOSING_MARK:
            return None
    return None


def _skip_relative(words: tuple[Word, ...], comma: int, rules: Rules) -> int | None:
    """After ``, zu der er zugeschaltet wurde,`` the reported clause follows the next comma."""
    vocab = vocabulary_for(rules)
    for _ in range(2):
        position = comma + 1
        if position < len(words) and words[position].lower in vocab.prepositions:
            position += 1
        if position < len(words) and words[position].lower in vocab.relative_pronouns \
                and words[comma + 1].lower not in _CLAUSE_OPENERS:
            following = words[position + 1] if position + 1 < len(words) else None
            if following is not None and words[position].lower in vocab.articles \
                    and (following.is_cap or _looks_adjective(following, rules)):
                return comma  # "…, (mit) die (belarussischen) Behörden …": an article, not a relative pronoun
            nxt = _next_comma(words, position + 1)
            if nxt is None:
                # the relative clause runs to the end: reported only in Konjunktiv I (*…, die häufig auftrete*)
                rest = [w.text for w in words[position:]]
                return comma if clause_mood(rest, rules) == "subj1" else None
            comma = nxt
        else:
            return comma
    return comma


def _looks_adjective(word: Word, rules: Rules) -> bool:
    return not word.is_cap and word.lower.endswith(("e", "en", "er", "es", "em")) and word_mood(word.text, rules) is None


def _cue_before(analysis: Analysis, sentence: Sentence, hit: CueHit, rules: Rules) -> Frame | None:
    """X sagte (…), R. — the reported clause after the cue clause."""
    words = sentence.words
    vocab = vocabulary_for(rules)
    search_from = (hit.particle if hit.particle is not None else hit.end - 1) + 1
    comma = _next_comma(words, search_from)
    if comma is None:
        comma = _colon_before_report(words, search_from, sentence.quoted)
    if comma is None:
        return None
    between = finite_verb(list(words), search_from, comma, rules)
    if between is not None and words[between].lower not in ("hat", "hatte", "habe", "ist", "war", "wurde"):
        return None
    comma = _skip_relative(words, comma, rules)
    if comma is None:
        return None
    start = comma + 1
    if start >= len(words):
        return None
    opener = words[start].lower
    if opener == "wie":
        return None  # "…, wie X mitteilte": the cue clause of another quote
    if opener in vocab.subordinators and opener not in _CLAUSE_OPENERS and any(
            h.kind == "verb" and h is not hit and start < h.start < (_next_comma(words, start) or len(words))
            for h in sentence.cues):
        return None  # "bestritt dies, indem er sagte, …": the report belongs to the later cue
    end = _reported_end(words, start, sentence, rules)
    floor = _sentence_floor(words, hit.start)
    opening = words[_clause_start(words, hit.start, floor)].lower
    if opening in vocab.subordinators and opening not in ("wie", "wonach", "dass", "daß", "ob") \
            and not words[start].is_cap and word_mood(words[start].text, rules) in ("indicative", "past-or-subj2"):
        return None  # "Als er gefragt wurde, sagte er …": the main clause follows, not a report
    wie = _wie_before(words, hit.start, floor, rules)
    wie_clause = wie is not None
    rule = "indirect.cue-before"
    infinitive = hit.kind == "verb" and not wie_clause and opener not in _CLAUSE_OPENERS \
        and _opens_infinitive_clause(words, start, end, sentence.quoted, rules)
    if opener in _CLAUSE_OPENERS:
        start += 1
    elif not hit.clause:
        return None  # "bezeichnete …, X wolle …, als Erfindung": the clause belongs to the object
    elif infinitive:
        rule = "indirect.infinitive"  # "kündigte an, die Truppen abzuziehen(, falls …)"
    elif not wie_clause and hit.kind != "impersonal":
        reported = [w.text for i, w in enumerate(words[start:end], start) if i not in sentence.quoted]
        if clause_mood(reported, rules) == "indicative":
            return None  # an indicative V2 clause is narration, not reported speech
    if hit.kind == "impersonal":
        mention, unnamed = _document_source(sentence, hit, floor, rules)
    else:
        if wie is not None:  # "Wie die Ministerin, Anna Bligh, erklärte, …"
            phrase = subject_after(list(words), wie, rules, limit=hit.start)
        else:
            phrase = cue_subject(sentence, hit, rules, floor)
        mention, unnamed = mention_of(sentence, phrase, hit.plural), False
        if phrase is None and _passive(words, hit, floor, rules):
            # "In der Erklärung wird betont, …" names the document; "Als Begründung wurde angegeben, …"
            # has a source that is not named
            mention, unnamed = _document_source(sentence, hit, floor, rules)
        elif phrase is None and not wie_clause:
            return None
    return _make(analysis, sentence, rule, start, end, hit, mention, rules, unnamed)


def _opens_infinitive_clause(words: tuple[Word, ...], start: int, end: int, quoted: frozenset[int] | set[int],
                             rules: Rules) -> bool:
    """The clause at ``start`` is a *zu*-infinitive, the cue's object (*…, die Todesumstände
    untersuchen zu lassen*; *…, den Strom abzuschalten*), not a V2 clause with a finite verb
    and not an adverbial (*um … zu*)."""
    vocab = vocabulary_for(rules)
    if words[start].lower in vocab.infinitive_adverbials:
        return False
    for position in range(start, end):
        word = words[position]
        if word.text in (",", ";", ":"):
            return False
        if position not in quoted and word.is_word and not word.is_cap:
            if _finite_only(word, rules):
                return False  # "das sei schwer zu sagen": a V2 clause, judged by its mood
            if _infinitive_at(words, position, quoted, vocab):
                return True
    return False


def _infinitive_at(words: tuple[Word, ...], position: int, quoted: frozenset[int] | set[int],
                   vocab: Vocabulary) -> bool:
    """A *zu* + infinitive (*zu prüfen*, *abzuschalten*) at ``position`` that closes its clause."""
    word = words[position]
    if word.lower == "zu" and position + 1 < len(words):
        verb = words[position + 1]
        if verb.is_cap or not verb.is_word or not verb.lower.endswith("n") or position + 1 in quoted \
                or vocab.is_function_word(verb.lower):
            return False
        after = position + 2
    else:
        lower = word.lower
        if "zu" not in lower[1:]:
            return False  # most words: no need to try every particle
        particle = next((p for p in vocab.separable_particles if lower.startswith(p + "zu")), None)
        if particle is None or len(lower) - len(particle) - 2 < 4 or not lower.endswith("n"):
            return False
        after = position + 1
    # "zu hohen Preisen": an adjective, not the clause's last verb
    return after >= len(words) or not words[after].is_word or words[after].lower in ("und", "oder", "sowie")


def _finite_only(word: Word, rules: Rules) -> bool:
    """The word can only be a finite verb (*ist*, *sei*, *hatte*), never an infinitive or participle."""
    forms = lexicon_for(rules).forms(word.lower)
    if forms:
        return not any(f.tag in ("infinitive", "participle") for f in forms)
    return word_mood(word.text, rules) in ("subj1", "subj2")


def _noun_before(analysis: Analysis, sentence: Sentence, hit: CueHit, rules: Rules) -> Frame | None:
    """*X ist der Ansicht, dass R* / *X vertritt die These, R sei …*: a statement noun that ends the
    clause of a finite verb introduces R; the speaker is that verb's subject."""
    words = sentence.words
    comma = hit.end
    if comma + 1 >= len(words) or words[comma].text != "," or comma + 1 in sentence.quoted:
        return None
    vocab = vocabulary_for(rules)
    article = hit.start - 1
    while article > 0 and words[article].lower not in vocab.articles and _looks_adjective(words[article], rules):
        article -= 1  # der gegenteiligen Auffassung
    if article < 0:
        return None
    before = words[article - 1].lower if article > 0 else ""
    if not (words[article].lower in vocab.articles and (before not in vocab.prepositions or before == "zu")
            or words[article].lower in ("zum", "zur")):
        return None  # "mit der Befürchtung, …" names no opinion the subject holds; "kam zu dem Schluss" does
    floor = _sentence_floor(words, hit.start)
    verb = finite_verb(list(words), clause_start_before(words, hit.start, floor), hit.start, rules)
    if verb is None:
        return None  # "Die Forderung, …": the noun is the subject, nobody is named
    phrase = verb_subject(list(words), verb, rules, floor, limit=hit.start)
    if phrase is None or not can_speak(phrase) or phrase.start <= hit.start < phrase.end:
        return None
    start = comma + 1
    end = _reported_end(words, start, sentence, rules)
    if words[start].lower in _CLAUSE_OPENERS:
        start += 1
    elif clause_mood([w.text for i, w in enumerate(words[start:end], start) if i not in sentence.quoted],
                     rules) not in ("subj1", "subj2"):
        return None  # "…, die Frage, wer zahlt": only a dass/ob clause or Konjunktiv reports
    return _make(analysis, sentence, "indirect.cue-before", start, end, hit, mention_of(sentence, phrase), rules)


def _passive(words: tuple[Word, ...], hit: CueHit, floor: int, rules: Rules) -> bool:
    """The cue is a participle with a passive auxiliary in its clause (*wurde mitgeteilt*,
    *es wird vermutet*)."""
    if hit.tag != "participle":
        return passive_auxiliary_before(list(words), hit, rules, floor)
    start = _clause_start(words, hit.start, floor)
    return any(w.lower in PASSIVE_AUXILIARIES for w in words[start:hit.start + 2])


def _document_source(sentence: Sentence, hit: CueHit, floor: int, rules: Rules) -> tuple[Mention | None, bool]:
    """The document an impersonal or passive cue names (:func:`quotes.frames.document_source`),
    else an unnamed source."""
    phrase = document_source(sentence, hit, floor, rules)
    return (mention_of(sentence, phrase), False) if phrase is not None else (None, True)


def _wie_before(words: tuple[Word, ...], index: int, floor: int, rules: Rules) -> int | None:
    """Index of the *wie* (or *wonach*) that opens the clause of the cue at ``index``, if any;
    appositions in commas may stand between (*Wie die Ministerin, Anna Bligh, erklärte*)."""
    for position in range(index - 1, floor - 1, -1):
        word = words[position]
        if word.lower in ("wie", "wonach") and (position == floor or words[position - 1].text in (",", ";", ":")):
            return position if finite_verb(list(words), position + 1, index, rules) is None else None
        if word.text in (".", ";", ":") or word.lower in ("dass", "daß", "ob"):
            return None
    return None


def _clause_start(words: tuple[Word, ...], index: int, floor: int) -> int:
    for position in range(index - 1, floor - 1, -1):
        if words[position].text in (",", ";", ":"):
            return position + 1
    return floor


def _reported_end(words: tuple[Word, ...], start: int, sentence: Sentence, rules: Rules) -> int:
    """The reported clause runs to the sentence end, or to a trailing ``, sagte X`` / ``, so X`` /
    ``, wie X sagte``, or to a coordinated main clause in the indicative (``, weigerte sich …``),
    and never past a colon before a direct quote (``…, X werde nicht …: „…“``)."""
    colon = next((p for p in range(start + 1, len(words) - 1)
                  if words[p].text == ":" and words[p + 1].text in CLOSING_MARK), len(words))
    return min(colon, _clause_end_of_report(words, start, sentence, rules))


def _clause_end_of_report(words: tuple[Word, ...], start: int, sentence: Sentence, rules: Rules) -> int:
    for position in range(start + 1, len(words) - 1):
        if words[position].text == "," and word_mood(words[position + 1].text, rules) in ("indicative", "past-or-subj2") \
                and position + 1 not in sentence.quoted:
            return position
    for hit in sentence.cues:
        if hit.kind == "verb" and hit.tag in ("present", "past") and hit.start > start + 2 \
                and words[hit.start - 1].lower in ("und", "doch", "aber", "sowie") and hit.start - 1 not in sentence.quoted:
            return hit.start - 1  # "…, Europa brauche X und fügte hinzu: …": a new cue ends the clause
        if hit.kind == "verb" and hit.tag in ("present", "past") and hit.start > start + 2:
            conjunction = next((p for p in range(hit.start - 1, start, -1)
                                if words[p].text == "," or words[p].lower in ("doch", "aber", "während")), None)
            if conjunction is not None and words[conjunction].lower in ("doch", "aber", "während") \
                    and words[conjunction - 1].text == "," and conjunction not in sentence.quoted:
                return conjunction - 1  # "…, Annabi sei tot, doch X erklärte, …"
        if hit.start > start and words[hit.start - 1].text == "," and hit.kind in ("verb", "preposition", "impersonal"):
            if hit.kind == "preposition" and hit.lemma != "so":
                continue
            if hit.kind == "verb" and hit.tag in ("participle", "infinitive"):
                continue
            return hit.start - 1
    for position in range(start + 1, len(words) - 1):
        if words[position].text == "," and words[position + 1].lower == "wie":
            cue = next((h for h in sentence.cues if h.kind == "verb" and h.start > position + 1), None)
            if cue is not None and _next_comma(words, position + 2) is None:
                return position
    return len(words)


def _cue_after(analysis: Analysis, sentence: Sentence, hit: CueHit, rules: Rules) -> Frame | None:
    """R, sagte X. — the cue verb opens its clause right after a comma (verb first)."""
    words = sentence.words
    if hit.kind == "verb" and hit.start >= 3 and words[hit.start - 1].text != "," \
            and _next_comma(words, hit.end) is None:
        return _wie_after(analysis, sentence, hit, rules)
    if hit.start == 0 or words[hit.start - 1].text != ",":
        return None
    if hit.kind == "verb" and hit.tag in ("participle", "infinitive"):
        return None
    floor = _sentence_floor(words, hit.start)
    start = floor
    # the reported clause begins after an earlier cue clause in the same sentence, if any
    for other in sentence.cues:
        if other is hit or other.start >= hit.start:
            continue
        if other.kind == "preposition" and other.lemma == "so" and other.start > 0 \
                and words[other.start - 1].text == ",":
            return None  # "…, so X, …": the so-cue owns the clause
    if hit.kind == "impersonal":
        mention, unnamed = _document_source(sentence, hit, floor, rules)
    else:
        limit = _next_comma(words, hit.end)
        phrase = subject_after(list(words), hit.start, rules, limit=limit)
        if phrase is None:
            return None
        mention, unnamed = mention_of(sentence, phrase, hit.plural), False
    if words[start].lower in vocabulary_for(rules).subordinators and words[start].lower not in _CLAUSE_OPENERS:
        return None  # "Als er gefragt wurde, sagte er, …": the cue clause comes first
    if not _opens_with_clause(sentence, start, hit.start - 1, rules):
        return None  # "Der Sprecher, Steffen Seibert, würdigte …": a subject with apposition, no clause
    return _make(analysis, sentence, "indirect.cue-after", start, hit.start - 1, hit, mention, rules, unnamed)


def _opens_with_clause(sentence: Sentence, start: int, end: int, rules: Rules) -> bool:
    """words[start:end] begins with a clause of its own: its first stretch up to a comma (or a
    quotation) holds a finite verb. A noun phrase with an apposition or a relative clause does not."""
    words = sentence.words
    for position in range(start, end):
        if position in sentence.quoted:
            return True
        word = words[position]
        if word.text in (",", ";", ":", "(", "–"):
            return False
        if word.is_word and word_mood(word.text, rules) is not None:
            return True
    return False


def _wie_after(analysis: Analysis, sentence: Sentence, hit: CueHit, rules: Rules) -> Frame | None:
    """R, wie X mitteilte. — a trailing *wie*-clause whose verb is the cue."""
    words = sentence.words
    comma = None
    for position in range(hit.start - 1, 0, -1):
        if words[position].text == ",":
            comma = position
            break
    if comma is None or words[comma + 1].lower != "wie":
        return None
    phrase = subject_after(list(words), comma + 1, rules, limit=hit.start)
    if phrase is None or phrase.start != comma + 2 or hit.start - phrase.end > 6:
        return None  # "…, wie Russland und Belarus sich … wehren könnten": a question, not a cue
    floor = _sentence_floor(words, comma)
    return _make(analysis, sentence, "indirect.cue-after", floor, comma, hit,
                 mention_of(sentence, phrase, hit.plural), rules)


def _prepositional(analysis: Analysis, sentence: Sentence, hit: CueHit, rules: Rules) -> Frame | None:
    """Laut X … / X zufolge … / nach Angaben von X … / …, so X."""
    words = sentence.words
    if hit.lemma.startswith("nach-") and hit.start > 0 and _temporal_before(words[hit.start - 1], rules):
        return None  # "sechs Tage nach der Veröffentlichung": after, not according to
    phrase = cue_subject(sentence, hit, rules)
    if hit.source != "none" and phrase is None:
        return None
    if hit.lemma == "so":
        if hit.start == 0 or words[hit.start - 1].text not in (",", "–", "—"):
            return None  # "…, so X." / "… – so X –, …"
        floor = _sentence_floor(words, hit.start)
        mention = mention_of(sentence, phrase)
        first = _make(analysis, sentence, "indirect.cue-after", floor, hit.start - 1, hit, mention, rules)
        resume = phrase.end if phrase is not None else len(words)
        adverbs = vocabulary_for(rules).adverbs
        while resume < len(words) and words[resume].lower in adverbs:
            resume += 1  # "so X weiter, …"
        if phrase is not None and resume < len(words) and words[resume].text in (",", "–", "—"):
            after = resume + (1 if resume + 1 < len(words) and words[resume + 1].text == "," else 0)
            if _splits_one_clause(list(words), floor, hit.start, after + 1, rules):
                # "A sei, so X, möglich gewesen": the cue is inserted into one reported clause,
                # which runs round it (as with laut in mid-clause)
                whole = _make(analysis, sentence, "indirect.cue-after", floor, len(words), hit, mention, rules)
                return [whole] if whole is not None else None
            second = _make(analysis, sentence, "indirect.cue-after", after + 1, len(words), hit, mention, rules)
            return [f for f in (first, second) if f is not None] or None
        return [first] if first is not None else None
    floor = _sentence_floor(words, hit.start)
    if hit.source == "left":
        phrase_start, phrase_end = (phrase.start if phrase else hit.start), hit.end
    else:
        phrase_start, phrase_end = hit.start, (phrase.end if phrase else hit.end)
    # the cue phrase at the start of the clause is left out of the span; elsewhere the span is the sentence,
    # or the relative clause that holds the cue (*…, die nach Angaben X für den Anschlag verantwortlich
    # seien, …*)
    start, end = floor, len(words)
    relative = _relative_clause_around(words, phrase_start, phrase_end, floor, rules)
    if relative is not None:
        start, end = relative
    elif phrase_start <= floor + 1:
        start = phrase_end
        if start < len(words) and words[start].text == ",":
            start += 1
    elif phrase_end >= len(words) - 1 or (phrase_end < len(words) and words[phrase_end].text in (".", "!", "?")):
        end = phrase_start
        if end > 0 and words[end - 1].text == ",":
            end -= 1
    if finite_verb(list(words), start, end, rules) is None and sum(1 for w in words[start:end] if w.is_word) < 4:
        return None
    if hit.source == "self" and not _refers_to_statement(analysis, sentence, start, end, rules):
        return None  # "Demnach" after plain narration means "accordingly"
    mention = mention_of(sentence, phrase) if phrase is not None else None
    if mention is not None and phrase.kind == "reference":
        referent = _previous_cue_source(analysis, sentence, rules) if hit.source == "self" \
            else mention_of(sentence, _own_subject(sentence, hit, rules, floor))
        mention = attrs.evolve(mention, refers_to=referent)
    return _make(analysis, sentence, "indirect.preposition", start, end, hit, mention, rules,
                 unnamed=phrase is None)


def _relative_clause_around(words: tuple[Word, ...], cue_start: int, cue_end: int, floor: int,
                            rules: Rules) -> tuple[int, int] | None:
    """The relative clause (after a comma, opened by a relative pronoun, with or without a
    preposition) that holds the cue words ``cue_start``..``cue_end``, as word indices."""
    vocab = vocabulary_for(rules)
    comma = next((p for p in range(cue_start - 1, floor - 1, -1) if words[p].text in (",", ";", ":", "(")), None)
    if comma is None or words[comma].text != "," or comma + 1 >= cue_start:
        return None
    opener = comma + 1
    if words[opener].lower in vocab.prepositions and opener + 1 < cue_start:
        opener += 1  # "…, unter denen sich nach Einschätzung X …"
    if words[opener].lower not in vocab.relative_pronouns or opener + 1 < len(words) and words[opener + 1].is_cap:
        return None  # "…, die Polizei …": an article, not a relative pronoun
    end = _relative_end(words, cue_end, rules)
    return comma + 1, end


def _splits_one_clause(words: list[Word], floor: int, cue: int, resume: int, rules: Rules) -> bool:
    """An inserted *so X* cuts one clause in two: the part before it or the first clause after it
    has no finite verb (*Alles sei, so X, möglich gewesen*; not *A sei gut, so X, aber B fehle*)."""
    after_end = next((p for p in range(resume, len(words)) if words[p].text in (",", ";", ":")), len(words))
    return not _has_finite_verb(words, floor, cue, rules) or not _has_finite_verb(words, resume, after_end, rules)


def _has_finite_verb(words: list[Word], start: int, end: int, rules: Rules) -> bool:
    return finite_verb(words, start, end, rules) is not None or any(
        word_mood(w.text, rules) is not None for w in words[start:end] if w.is_word)


def _own_subject(sentence: Sentence, hit: CueHit, rules: Rules, floor: int) -> NounPhrase | None:
    """Whose *eigenen Angaben* they are: the subject of the cue's clause."""
    words = list(sentence.words)
    verb = finite_verb(words, clause_start_before(words, hit.start, floor), hit.start, rules)
    if verb is None:
        verb = finite_verb(words, hit.end, clause_end(words, hit.end), rules)
    return verb_subject(words, verb, rules, floor) if verb is not None else None


def _refers_to_statement(analysis: Analysis, sentence: Sentence, start: int, end: int, rules: Rules) -> bool:
    """*Demnach* reports a statement when the sentence before has a cue (*X gab das Ergebnis
    bekannt. Demnach …*) or its own clause is in Konjunktiv I (*wäre demnach* is a conclusion)."""
    if sentence.index > 0 and analysis.sentences[sentence.index - 1].cues:
        return True
    return clause_mood([w.text for w in sentence.words[start:end] if w.is_word], rules) == "subj1"


_TIME_UNITS = ("sekunde", "minute", "stunde", "tag", "woche", "monat", "jahr", "jahrzehnt")


def _temporal_before(word: Word, rules: Rules) -> bool:
    """A word that makes the following *nach* temporal: *kurz nach*, *zwei Tage nach*."""
    lower = word.lower
    return (lower in vocabulary_for(rules).temporal_before_nach or word.text.isdigit()
            or lower.startswith(_TIME_UNITS) and word.is_cap)


def _drop_overlaps(analysis: Analysis, frames: list[Frame], direct: list[Frame]) -> list[Frame]:
    """One frame per stretch of text: the earlier rule in the list wins; no frame inside a direct
    quote, and none around a direct quote that has its own attribution."""
    attributed = {(f.mark.open_start, f.mark.close_end): f for f in direct
                  if f.mark is not None and f.rule in _ATTRIBUTED_DIRECT}
    priority = {"indirect.cue-before": 0, "indirect.cue-after": 1, "indirect.preposition": 2,
                "indirect.anaphoric": 3, "indirect.infinitive": 3, "indirect.relative": 4}
    kept_by_sentence: dict[int, list[Frame]] = {}
    for frame in sorted(frames, key=lambda f: (priority.get(f.rule, 3), f.start, -(f.end - f.start))):
        near = analysis.marks_near(frame.start, frame.end + 1)
        if any(m.open_start <= frame.start and frame.end <= m.close_end for m in near):
            continue
        if any(frame.start <= m.open_start and m.close_end <= frame.end + 1
               and (m.open_start, m.close_end) in attributed
               and not _same_cue_before(attributed[(m.open_start, m.close_end)], frame) for m in near):
            continue  # direct speech with its own attribution, not reported speech
        sentence = analysis.sentence_of(frame.start)
        kept = kept_by_sentence.setdefault(sentence.index if sentence else -1, [])
        if any(_overlap(frame, other) > 0.5 * min(frame.end - frame.start, other.end - other.start) for other in kept):
            continue
        kept.append(frame)
    return sorted((f for kept in kept_by_sentence.values() for f in kept), key=lambda f: f.start)


def _same_cue_before(direct: Frame, reported: Frame) -> bool:
    """The direct quote ends a reported clause of the same cue (*X sagte, A sei „…“ und B müsse
    wissen, „…“*): it is a fragment of that mixed quote."""
    return direct.rule == "direct.cue-before" and reported.rule == "indirect.cue-before" and direct.cue == reported.cue


def _overlap(a: Frame, b: Frame) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def merge_direct(direct: list[Frame], reported: list[Frame], text: str) -> list[Frame]:
    """Direct quotes that are fragments of a mixed quote are part of it, not quotes of their own,
    unless a cue inside the reported clause attributes them (*…, X sprach von „…“, wie Y berichtete*)."""
    owner = {span: frame for frame in reported for span in frame.fragments}
    kept = []
    for frame in direct:
        mixed = owner.get((frame.mark.open_start, frame.mark.close_end)) if frame.mark is not None else None
        if mixed is None or frame.rule in _ATTRIBUTED_DIRECT and not _same_cue_before(frame, mixed) \
                or _governed_by_own_cue(frame, mixed, text):
            kept.append(frame)
    return kept


def _governed_by_own_cue(frame: Frame, mixed: Frame, text: str) -> bool:
    """The fragment's cue lies inside the reported clause, in the fragment's own clause."""
    if frame.rule != "direct.embedded" or frame.cue is None or frame.cue == mixed.cue:
        return False
    if not mixed.start <= frame.cue.start < mixed.end or frame.mark is None:
        return False
    between = text[frame.cue.end:frame.mark.open_start]
    return "," not in between and not any(w in between.split() for w in ("dass", "daß", "ob"))


def continue_speakers(analysis: Analysis, frames: list[Frame], rules: Rules) -> list[Frame]:
    """Continuations: unattributed direct quotes, and Konjunktiv sentences with no cue,
    take the speaker of the last attributed quote (see the module docstring). A sentence
    in Konjunktiv I with no quote before it is reported speech too (``indirect.konjunktiv``;
    see :func:`_konjunktiv_source` for its source)."""
    by_sentence: dict[int, list[Frame]] = {}
    for frame in frames:
        sentence = analysis.sentence_of(frame.start)
        by_sentence.setdefault(sentence.index if sentence else -1, []).append(frame)
    result: list[Frame] = list(by_sentence.pop(-1, []))
    active: Frame | None = None
    recent: tuple[int, Frame] | None = None
    text = analysis.text
    vocab = vocabulary_for(rules)
    for sentence in analysis.sentences:
        here = sorted(by_sentence.get(sentence.index, []), key=lambda f: f.start)
        if not here and (_is_heading(text, sentence, vocab) or _inside_quote(analysis, sentence)):
            continue
        if all(f.rule in ("direct.term", "direct.nested", "indirect.relative") for f in here):
            frame = None
            if not _has_own_cue(sentence):
                mood = clause_mood(WORD.findall(text[sentence.start:sentence.end]), rules)
                if active is not None and mood in ("subj1", "subj2"):
                    frame = _continuation(analysis, sentence, active.mention, active.unnamed_source,
                                          "indirect.continuation")
                elif mood == "subj1":
                    mention, unnamed = _konjunktiv_source(analysis, sentence, recent, rules)
                    frame = _continuation(analysis, sentence, mention, unnamed, "indirect.konjunktiv")
            if frame is None:
                active = None
                result.extend(here)
                continue
            result.append(frame)
            result.extend(f for f in here if not (frame.start <= f.start and f.end <= frame.end))
            if frame.mention is not None or frame.unnamed_source:
                active = frame
            continue
        for frame in here:
            if frame.rule == "direct.unattributed" and active is not None:
                frame = attrs.evolve(frame, mention=active.mention, unnamed_source=active.unnamed_source,
                                     rule="direct.continuation", cue=None,
                                     confidence=DIRECT_CONFIDENCE["direct.continuation"])
            elif frame.rule == "direct.unattributed" and (anaphoric := _next_anaphoric(analysis, sentence, rules)):
                hit, mention = anaphoric
                following = analysis.sentences[sentence.index + 1]
                frame = attrs.evolve(frame, mention=mention, rule="direct.anaphoric",
                                     cue=cue_of(following, hit, text), confidence=DIRECT_CONFIDENCE["direct.anaphoric"])
            elif frame.rule == "direct.unattributed":
                mention = _previous_subject(analysis, sentence, rules, persons_only=True)
                if mention is not None:
                    frame = attrs.evolve(frame, mention=mention, rule="direct.context",
                                         confidence=DIRECT_CONFIDENCE["direct.context"])
            if frame.mention is not None or frame.unnamed_source:
                active = frame
                recent = (sentence.index, frame)
            result.append(frame)
    return result


def _next_anaphoric(analysis: Analysis, sentence: Sentence, rules: Rules) -> tuple[CueHit, Mention | None] | None:
    if sentence.index + 1 >= len(analysis.sentences):
        return None
    following = analysis.sentences[sentence.index + 1]
    if following.paragraph != sentence.paragraph:
        return None
    return _anaphoric_cue(analysis, following, rules)


def _konjunktiv_source(analysis: Analysis, sentence: Sentence, recent: tuple[int, Frame] | None,
                       rules: Rules) -> tuple[Mention | None, bool]:
    """Whose words a Konjunktiv sentence with no cue reports: the quote just before it, else the
    source of a cue in the sentence before (*X warnte vor …. Die Gefahr dürfe …*), else the
    subject of the sentence before (*Lammert würdigte … . Die Bundeswehr sei …*), else the source
    of a cue two or three sentences before, else a quote in the three sentences before."""
    if recent is not None and sentence.index - recent[0] == 1:
        return recent[1].mention, recent[1].unnamed_source
    mention = _previous_cue_source(analysis, sentence, rules)
    if mention is not None:
        return mention, False
    mention = _previous_subject(analysis, sentence, rules, persons_only=True)
    if mention is not None:
        return mention, False
    for back in (2, 3):
        mention = _previous_cue_source(analysis, sentence, rules, back)
        if mention is not None:
            return mention, False
    if recent is not None and sentence.index - recent[0] <= 3:
        return recent[1].mention, recent[1].unnamed_source
    return None, False


def _previous_cue_source(analysis: Analysis, sentence: Sentence, rules: Rules, back: int = 1) -> Mention | None:
    """The source of a cue ``back`` sentences before, in the same paragraph, that reported no
    clause (*X warnte vor den Gefahren. Diese dürfe nicht …*; *Laut X gibt es Veränderungen. Neu
    sei, …*)."""
    if sentence.index < back:
        return None
    previous = analysis.sentences[sentence.index - back]
    if previous.paragraph != sentence.paragraph:
        return None
    for hit in reversed(previous.cues):
        if hit.kind not in ("verb", "preposition"):
            continue
        phrase = cue_subject(previous, hit, rules, _sentence_floor(previous.words, hit.start))
        if phrase is not None and (can_speak(phrase) or hit.kind == "preposition" and phrase.kind != "pronoun"):
            return mention_of(previous, phrase, hit.plural)
    return None


def _previous_subject(analysis: Analysis, sentence: Sentence, rules: Rules,
                      persons_only: bool = False) -> Mention | None:
    """The person or group the sentence before (same paragraph) is about: a quote with no cue
    right after *Er war Trainer beim FC Bayern.* is most likely theirs."""
    if sentence.index == 0:
        return None
    previous = analysis.sentences[sentence.index - 1]
    if previous.paragraph != sentence.paragraph:
        return None
    words = previous.words or tuple(tokenize(analysis.text[previous.start:previous.end], previous.start))
    verb = finite_verb(list(words), 0, len(words), rules)
    if verb is None:
        return None
    phrase = verb_subject(list(words), verb, rules)
    if phrase is None or not can_speak(phrase) \
            or persons_only and not person_like(list(words), phrase, vocabulary_for(rules)):
        return None  # a quote with no cue is a person's, not "der Staat"'s
    return mention_of(attrs.evolve(previous, words=words), phrase)


def _inside_quote(analysis: Analysis, sentence: Sentence) -> bool:
    """The sentence is part of a direct quote that began before it (a quote of several sentences)."""
    return any(m.parent is None and m.content_start < sentence.start and sentence.end <= m.close_end + 1
               for m in analysis.marks_near(sentence.start, sentence.end))


def _has_own_cue(sentence: Sentence) -> bool:
    return any(h.kind in ("preposition", "impersonal") or
               h.kind == "verb" and h.tag not in ("participle", "infinitive") for h in sentence.cues)


def _is_heading(text: str, sentence: Sentence, vocab: Vocabulary) -> bool:
    """A short line without a full stop (a subheading) or an inserted teaser interrupts nothing."""
    chunk = text[sentence.start:sentence.end]
    if chunk.startswith(vocab.boilerplate_prefixes):
        return True
    return chunk[-1:] not in ".!?…:\"“”»«" and len(chunk.split()) <= 8 and "\n" in text[sentence.end:sentence.end + 2]


def _continuation(analysis: Analysis, sentence: Sentence, mention: Mention | None, unnamed: bool,
                  rule: str) -> Frame | None:
    """The whole sentence as a reported quote of ``mention`` (final punctuation left out)."""
    text = analysis.text
    start, end = sentence.start, sentence.end
    while end > start and text[end - 1] in ".!?… ":
        end -= 1
    if end - start < 10:
        return None
    fragments = tuple((m.open_start, m.close_end) for m in analysis.marks_near(start, end + 1)
                      if start <= m.open_start and m.close_end <= end + 1)
    confidence = CONFIDENCE[rule] if mention is not None or unnamed else CONFIDENCE[rule] - 0.1
    return Frame("mixed" if fragments else "indirect", start, end, mention, None, confidence, rule,
                 analysis.paragraph_of(start), unnamed_source=unnamed, fragments=fragments)
