"""Document-level mention sets: which named person a description refers to, who the
perpetrators are.

Codebook (second set): "A phrase that refers to people named elsewhere in the document
('the three', 'the detained activists', 'his daughters', 'the blogger') resolves to those
named people." Built once per document, before the sentence pass:

- **Descriptions.** A person's describing nouns, read off the parse wherever the name
  stands: a role noun before the name ("activist Ana Reyes"), an apposition ("Ana Reyes, a
  blogger critical of the government"; "a blogger, Ana Reyes"), a copula ("Reyes is a
  journalist"). A later singular description with a determiner ("the blogger", "an
  opposition journalist") that the document uses for exactly one named person stands for
  that person.
- **The person the report is about.** When a description fits nobody by name, it stands for
  the person the document most often names as the patient of an act ("agents abducted X",
  "the arrest of X"), if one clearly dominates (at least two such mentions, more than anyone
  else) and is no perpetrator. A person who is only ever mentioned (a president, a speaker)
  is never the fallback.
- **The narrator** of a first-person piece or an interview is found by
  :mod:`tnr_claims.claims.narrators` and kept here (``narrator``).
- **Perpetrators.** The tagger's perpetrator memory (:mod:`tnr_claims.nlp.perpetrators`) is
  read from the Doc; those people are never targets.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from tnr_claims.claims.ages import DETERMINERS, age_noun, age_told, record_ages
from tnr_claims.claims.genders import pronoun_gender, word_gender
from tnr_claims.claims.index import PRONOUN_GENDERS, DocIndex, SpanRef
from tnr_claims.nlp.captions import party_names
from tnr_claims.nlp.perpetrators import PERPETRATOR_PRONOUNS_KEY, PERPETRATORS_KEY

MIN_DOMINANT_MENTIONS = 2

FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself"})


@dataclass
class Mentions:
    """What the document says about its people (see module docstring)."""

    descriptions: dict[str, set[str]] = field(default_factory=dict)
    """Describing noun (lemma) -> the names it is used for (office nouns included: they
    resolve speakers; targets are looked up with :func:`describing_nouns` only)."""
    dominant: str | None = None
    """The person the report is about: the one most acted on, relatives left out."""
    most_acted_on: str | None = None
    """The one most acted on, relatives counted: never taken for a relative held at home
    (two exiled brothers are each other's relatives)."""
    perpetrators: frozenset[str] = frozenset()
    perpetrator_pronouns: frozenset[int] = frozenset()
    """Token indices of pronouns that stand for a perpetrator noun ('the suspect ... police
    arrested him'): no one's target."""
    narrator: str | None = None
    answers_from: int | None = None
    """In an interview ('Q: ...' questions), the number of the first question's sentence:
    the unattributed sentences after it are the narrator's answers."""
    """The author of a first-person piece, whom 'I' and 'my' stand for."""
    genders: dict[str, str] = field(default_factory=dict)
    """Name -> "m" or "f" where the document tells it (a gendered noun beside the name, an
    honorific); names it does not tell, or tells both ways, are absent."""
    couples: list[tuple[int, tuple[str, str]]] = field(default_factory=list)
    """Pairs named as spouses ('A and her husband, B'), with the token where the pair is
    named, in document order: 'the couple' after them is that pair."""
    clients: dict[str, str] = field(default_factory=dict)
    """Lawyer -> the person she represents, where the document names both ('his lawyer, Ana
    Ruiz'; 'Ana Ruiz, a lawyer for Omar Haddad'): 'her client' is that person."""

    def agrees(self, name: str, pronoun: str) -> bool:
        """Whether a third-person ``pronoun`` may stand for ``name``: not when the document
        tells the person's gender and the pronoun has the other ('his sister, Leyla' is no
        'he')."""
        wanted = PRONOUN_GENDERS.get(pronoun.lower())
        known = self.genders.get(name)
        return wanted is None or known is None or wanted == known

    def relatives(self, family_nouns: frozenset[str]) -> set[str]:
        """The names the document sets beside a family noun ('his brother, X')."""
        return {
            name
            for noun, names in self.descriptions.items()
            if noun in family_nouns
            for name in names
            if not self.is_perpetrator(name)
        }

    def is_perpetrator(self, name: str) -> bool:
        """Whether ``name`` (full or last word) is one of the document's perpetrators."""
        lower = name.lower()
        return lower in self.perpetrators or lower.rsplit(" ", 1)[-1] in self.perpetrators

    def couple_meant(self, index: DocIndex, i: int) -> tuple[str, str] | None:
        """The pair 'the couple' at token ``i`` stands for: the last named as spouses
        before it, else the one father and one mother the document names ('her father,
        A, ... her mother, B')."""
        if index.lemma[i] != "couple" or not any(c.lower_ == "the" for c in index.children(i)):
            return None
        before = [pair for at, pair in self.couples if at < i]
        if before:
            return before[-1]
        # no pair named as spouses: the one father and one mother the document names
        father, mother = self.descriptions.get("father", ()), self.descriptions.get("mother", ())
        if len(father) == 1 and len(mother) == 1:
            return next(iter(father)), next(iter(mother))
        return None

    def resolve(self, noun: str, *, fallback: bool = True) -> str | None:
        """The named person a description with head ``noun`` stands for, if any; without
        ``fallback`` never the person the report is about ('his father' is not him)."""
        named = self.descriptions.get(noun, set())
        if len(named) == 1:
            return next(iter(named))
        if not named and fallback:
            return self.dominant
        return None


def described_person(mentions: Mentions | None, index: DocIndex, i: int) -> str | None:
    """The named person a description at token ``i`` stands for (document mention sets)."""
    if mentions is None:
        return None
    age = age_told(index, i)
    if age is not None and age in mentions.descriptions:
        return mentions.resolve(age, fallback=False)  # 'the 34-year-old': 'X, 34,'
    lemma = index.lemma[i]
    # never the person the report is about: 'his father' (a relative; 'the half-brother of
    # the leader' may be), 'a lawyer' (counsel), 'the person is placed on a wanted list'
    kin_of_someone = lemma in index.words.FAMILY_NOUNS and index.has_child(i, ("poss",))
    other = kin_of_someone or lemma in index.words.LAWYER_NOUNS or lemma in GENERIC_PERSON_NOUNS
    return mentions.resolve(lemma, fallback=not other)


def describing_nouns(index: DocIndex) -> frozenset[str]:
    """Nouns that can describe one individual target (not officials or perpetrators)."""
    words = index.words
    return (words.DESCRIPTION_NOUNS | words.PERSON_NOUNS | words.PARTY_NOUNS) - (
        words.OFFICE_NOUNS | words.PERPETRATOR_NOUNS
    )


def _descriptors(index: DocIndex, ref: SpanRef, nouns: frozenset[str]) -> set[str]:
    """The describing nouns attached to one PERSON mention."""
    found: set[str] = set()
    j = ref.start - 1
    while j >= 0 and j >= ref.start - 3 and index.pos[j] in ("NOUN", "ADJ", "PROPN"):
        if index.lemma[j] in nouns:
            found.add(index.lemma[j])
        j -= 1
    root = ref.root
    for child in index.children(root):
        if child.dep_ == "appos" and (
            child.lemma_.lower() in nouns or _former_office(index, child.i)
        ):
            found.add(child.lemma_.lower())  # 'X, a former opposition MP,' as well
    if index.dep[root] == "appos" and (
        index.lemma[index.head[root]] in nouns or _former_office(index, index.head[root])
    ):
        found.add(index.lemma[index.head[root]])
    first = index.head[root]
    if (
        index.dep[root] == "conj"
        and index.dep[first] == "appos"
        and index.tag[index.head[first]] == "NNS"
        and index.lemma[index.head[first]] in nouns
    ):
        found.add(index.lemma[index.head[first]])  # 'his brothers, A and B': B as well
    k = root
    while index.dep[k] == "conj" and index.head[k] != k:
        k = index.head[k]  # 'his brothers, A and B' read as a list of three: A and B
    if (
        k != root
        and index.tag[k] == "NNS"
        and index.lemma[k] in nouns
        and index.lower[k + 1] == ","
    ):
        found.add(index.lemma[k])
    if index.dep[root] == "nsubj" and index.lemma[index.head[root]] == "be":
        for child in index.children(index.head[root]):
            if child.dep_ == "attr" and child.lemma_.lower() in nouns:
                found.add(child.lemma_.lower())
    return found


def speaker_nouns(index: DocIndex) -> frozenset[str]:
    """Nouns that can describe a named person who speaks ('the leader', 'the blogger')."""
    words = index.words
    return (
        words.DESCRIPTION_NOUNS | words.PERSON_NOUNS | words.OFFICE_NOUNS | words.PARTY_NOUNS
    ) - words.PERPETRATOR_NOUNS


def document_mentions(doc: Doc, index: DocIndex, is_patient: Callable[[int], bool]) -> Mentions:
    """The document's mention sets, from every PERSON span and the tagger's memory.

    ``is_patient(token)`` tells whether a name's head token is the patient of an act.
    """
    nouns = speaker_nouns(index)
    perpetrators = frozenset(doc.user_data.get(PERPETRATORS_KEY, ()))
    mentions = Mentions(
        perpetrators=perpetrators,
        perpetrator_pronouns=frozenset(doc.user_data.get(PERPETRATOR_PRONOUNS_KEY, ())),
    )
    counts: Counter[str] = Counter()
    told: dict[str, set[str]] = {}
    pronouns: dict[str, set[str]] = {}
    for ref in index.spans:
        name = ref.record.name
        if ref.record.label != "PERSON" or not name:
            continue
        if is_patient(ref.root):
            counts[name] += 1
        descriptors = _descriptors(index, ref, nouns)
        for noun in descriptors:
            mentions.descriptions.setdefault(noun, set()).add(name)
        honorific = index.lower[ref.start - 1] if ref.start > 0 else ""
        for word in (*descriptors, honorific, index.lower[ref.start]):
            gender = word_gender(word, index.words)
            if gender is not None:
                told.setdefault(name, set()).add(gender)
        if (gender := pronoun_gender(index, ref)) is not None:
            pronouns.setdefault(name, set()).add(gender)  # 'A says he left'
    for name, genders in pronouns.items():
        told.setdefault(name, genders)  # what a noun or title tells goes first
    mentions.genders = {name: next(iter(g)) for name, g in told.items() if len(g) == 1}
    record_ages(index, mentions)
    for role, name in _parties(index):
        # 'ANA RUIZ (Appellant)': the Appellant; two appellants make 'the Appellant' no one
        mentions.descriptions.setdefault(role, set()).add(name)
    mentions.clients = _clients(index, mentions.genders)
    mentions.couples = _couples(index)
    nouns = describing_nouns(index)
    for noun, name in (*_introduced_after(index, nouns), *_described_next(index, nouns)):
        if noun not in mentions.descriptions and not mentions.is_perpetrator(name):
            mentions.descriptions[noun] = {name}
    mentions.most_acted_on = _most_acted_on(counts, mentions)
    # a relative ('her father, X') is never the one the report is about: 'the activist' with
    # no name of its own is not her father
    for name in mentions.relatives(index.words.FAMILY_NOUNS):
        counts.pop(name, None)
    mentions.dominant = _most_acted_on(counts, mentions)
    return mentions


def _most_acted_on(counts: Counter[str], mentions: Mentions) -> str | None:
    """The one person the document names as a patient, or the one named so most often
    (at least ``MIN_DOMINANT_MENTIONS`` times, more than anyone else), if no perpetrator."""
    ranked = [(n, c) for n, c in counts.most_common(2) if not mentions.is_perpetrator(n)]
    if ranked and (ranked[0][1] >= MIN_DOMINANT_MENTIONS or len(counts) == 1):
        runner_up = counts.most_common(2)[1][1] if len(counts) > 1 else 0
        if ranked[0][1] > runner_up and ranked[0][0] == counts.most_common(1)[0][0]:
            return ranked[0][0]
    return None


SPOUSE_NOUNS = frozenset({"husband", "wife", "spouse", "partner"})
"""Nouns that make the one they name the spouse of the one they are joined to."""


def _couples(index: DocIndex) -> list[tuple[int, tuple[str, str]]]:
    """Pairs named as spouses: 'A and her husband, B', 'A, 52, and his wife B'."""
    found = []
    for ref in index.spans:
        if ref.record.label != "PERSON" or not ref.record.name:
            continue
        for conj in index.children(ref.root):
            if conj.dep_ != "conj" or conj.lemma_.lower() not in SPOUSE_NOUNS:
                continue
            for named in conj.children:
                other = index.named(named.i, ("PERSON",)) if named.dep_ == "appos" else None
                if other is not None and other.record.name:
                    found.append((ref.start, (ref.record.name, other.record.name)))
    return found


def _clients(index: DocIndex, genders: dict[str, str]) -> dict[str, str]:
    """Each person named as someone's lawyer, to that someone: the lawyer noun the name
    stands beside ('his lawyer, Ana Ruiz'; 'Ana Ruiz, Omar's lawyer') owned by a name or a
    pronoun (the person named last before it, of the pronoun's gender), or with a 'for'
    phrase naming a person ('a lawyer for Omar Haddad'); and a name whose relative clause
    represents someone ('Ana Ruiz, who represented him in court')."""
    clients: dict[str, str] = {}
    people = [ref for ref in index.spans if ref.record.label == "PERSON" and ref.record.name]
    for ref in people:
        lawyer = ref.record.name or ""
        root = ref.root
        head = index.head[root]
        if index.dep[root] == "appos" and index.dep[head] == "pobj":
            head = index.head[index.head[head]]  # 'his lawyer in Addis Ababa, Ana Ruiz'
        noun = next(
            (
                k
                for k in (head, *(c.i for c in index.children(root)))
                if k != root
                and index.lemma[k] in index.words.LAWYER_NOUNS
                and "appos" in (index.dep[root], index.dep[k])
            ),
            None,
        )
        if noun is None:
            # 'Ana Ruiz, who represented him in Zagreb': the one the clause represents
            owners = [
                c
                for verb in index.children(root)
                if verb.dep_ == "relcl" and verb.lemma_.lower() in REPRESENTING_VERBS
                for c in verb.children
                if c.dep_ == "dobj"
            ]
            client = _person_meant(index, owners[0], people, lawyer, genders) if owners else None
            if client and client != lawyer:
                clients.setdefault(lawyer, client)
            continue
        for child in index.children(noun):
            client: str | None = None
            if child.dep_ == "poss":
                client = _person_meant(index, child, people, lawyer, genders)
            elif child.dep_ == "prep" and child.lower_ == "for":
                named = next(
                    (n for g in child.children if (n := index.named(g.i, ("PERSON",)))), None
                )
                client = named.record.name if named is not None else None
            if client and client != lawyer:
                clients.setdefault(lawyer, client)
    return clients


REPRESENTING_VERBS = frozenset({"represent", "defend"})
"""Verbs of a lawyer's relative clause on her name that name her client as object."""


def _person_meant(
    index: DocIndex, token: Token, people: list[SpanRef], lawyer: str, genders: dict[str, str]
) -> str | None:
    """The person a possessor or object stands for: the name itself, or for a pronoun the
    person named last before it (not the lawyer) whose told gender fits."""
    named = index.named(token.i, ("PERSON",))
    if named is not None:
        return named.record.name
    wanted = PRONOUN_GENDERS.get(token.lower_)
    if wanted is None:
        return None
    return next(
        (
            p.record.name
            for p in reversed(people)
            if p.end <= token.i
            and p.record.name != lawyer
            and genders.get(p.record.name or "", wanted) == wanted
        ),
        None,
    )


def _introduced_after(index: DocIndex, nouns: frozenset[str]) -> list[tuple[str, str]]:
    """``(noun, name)`` for a person a sentence describes and the next one names: the news
    lede "A blogger living in Oslo says police detained his brother. Ana Ruiz, 34, told
    ..." (a name first mentioned as the subject that opens a sentence, and one singular
    indefinite description in the sentence before it)."""
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    doc = index.doc
    naming = {doc[r.root].sent.start for r in index.spans if r.record.label == "PERSON"}
    for ref in index.spans:
        name = ref.record.name
        if ref.record.label != "PERSON" or not name or name in seen:
            continue
        seen.add(name)
        sentence = doc[ref.root].sent
        if (
            ref.start - sentence.start > 1
            or index.dep[ref.root] not in ("nsubj", "nsubjpass")
            or sentence.start == 0
        ):
            continue
        before = doc[sentence.start - 1].sent
        if before.start in naming:
            continue  # the sentence before names someone: its description may be them
        described = {
            index.lemma[k]
            for k in range(before.start, before.end)
            if index.lemma[k] in nouns
            and index.tag[k] == "NN"
            and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in index.children(k))
            and not any(
                c.dep_ == "amod" and c.lower_ in UNNAMED_MODIFIERS for c in index.children(k)
            )
            and not _relatives_anchor(index, k)
        }
        if len(described) == 1:
            found.append((described.pop(), name))
    return found


def _relatives_anchor(index: DocIndex, k: int) -> bool:
    """'the brother of a lawyer': the description names whose relative the sentence is
    about; the next sentence's name may be either of the two."""
    prep = index.head[k]
    return (
        index.dep[k] == "pobj"
        and index.lower[prep] == "of"
        and index.lemma[index.head[prep]] in index.words.FAMILY_NOUNS
    )


def _described_next(index: DocIndex, nouns: frozenset[str]) -> list[tuple[str, str]]:
    """``(noun, name)`` for a person a sentence names as its subject and the next one
    refers to by a definite description, the news style's second reference: "Ana Ruiz
    keeps her father's letters. The 36-year-old activist, who lives in Oslo, ..." (the next
    sentence names no one, its subject is 'the' + a describing noun, and the first names
    exactly one person, as its main subject)."""
    sentences = list(index.doc.sents)
    starts = [s.start for s in sentences]
    named_in: dict[int, list[SpanRef]] = {}  # sentence number -> its PERSON mentions
    for ref in index.spans:
        if ref.record.label == "PERSON" and ref.record.name:
            named_in.setdefault(bisect_right(starts, ref.start) - 1, []).append(ref)
    found: list[tuple[str, str]] = []
    for k in range(len(sentences) - 1):
        named = named_in.get(k, [])
        if len({r.record.name for r in named}) != 1 or k + 1 in named_in:
            continue
        root = named[0].root
        if index.dep[root] != "nsubj" or index.dep[index.head[root]] != "ROOT":
            continue
        subject = _first_subject(index, sentences[k + 1])
        if subject is not None and _second_reference(index, subject, nouns):
            found.append((index.lemma[subject], named[0].record.name or ""))
    return found


def _first_subject(index: DocIndex, sentence: Span) -> int | None:
    """The sentence's first subject (a long subject the parser makes the root noun): in
    'Families call us ... the person was ...' it is 'Families', not 'the person'."""
    return next(
        (
            k
            for k in range(sentence.start, sentence.end)
            if index.dep[k] in ("nsubj", "nsubjpass")
            or (index.dep[k] == "ROOT" and index.pos[k] == "NOUN")
        ),
        None,
    )


def _second_reference(index: DocIndex, k: int, nouns: frozenset[str]) -> bool:
    """'the activist', 'the 36-year-old cleric': 'the' + a singular describing noun that is
    no plain noun ('the person'), no relative and owned by no one."""
    children = list(index.children(k))
    return (
        index.tag[k] == "NN"
        and index.lemma[k] in nouns
        and index.lemma[k] not in GENERIC_PERSON_NOUNS
        and index.lemma[k] not in index.words.FAMILY_NOUNS
        and any(c.dep_ == "det" and c.lower_ == "the" for c in children)
        and not any(
            c.dep_ == "poss" or (c.dep_ == "amod" and c.lower_ in UNNAMED_MODIFIERS)
            for c in children
        )
    )


def description_at(index: DocIndex, i: int, nouns: frozenset[str]) -> bool:
    """Whether token ``i`` is a singular description of one person ('the blogger', 'the
    41-year-old')."""
    if age_noun(index, i):
        return True
    former = _former_office(index, i)  # 'a former opposition MP', also read as a name
    party = index.lemma[i] in index.words.PARTY_NOUNS  # 'the Appellant', capitalised
    if not ((former or party) and index.tag[i] == "NNP"):
        if index.pos[i] != "NOUN" or index.tag[i] != "NN":
            return False
        if index.lemma[i] not in nouns and not former:
            return False
    if index.dep[i] == "pobj" and index.lower[index.head[i]] in ABSENT_PREPOSITIONS:
        return False  # 'questioned without a lawyer present' is nobody
    if any(c.dep_ == "amod" and c.lower_ in UNNAMED_MODIFIERS for c in index.children(i)):
        return False  # 'the same man', 'an unknown man': someone the document does not name
    if index.dep[i] == "conj" and any(
        c.dep_ == "det" and c.lower_ in ("a", "an") for c in index.children(i)
    ):
        return False  # 'X and a fellow student, Y,': a new person joins, not X again
    return any(
        child.dep_ in ("det", "poss") and (child.lower_ in DETERMINERS or child.dep_ == "poss")
        for child in index.children(i)
    )


GENERIC_PERSON_NOUNS = frozenset({"person", "individual", "man", "woman", "one"})
"""Nouns too plain for a second reference to the person named just before ('the person'),
nor for the person the report is about ('the person is placed on a wanted list')."""

UNNAMED_MODIFIERS = frozenset(
    {"same", "other", "another", "unknown", "unidentified", "anonymous", "second", "third"}
)
"""Modifiers of a person noun that point to someone unnamed ('the same man')."""

ABSENT_PREPOSITIONS = frozenset({"without", "instead"})
"""Prepositions whose object is someone who was not there ('without a lawyer')."""


def _parties(index: DocIndex) -> list[tuple[str, str]]:
    """``(role, name)`` of each party a decision's caption names ('ANA RUIZ (Appellant)',
    :mod:`tnr_claims.nlp.captions`), the name as the document's PERSON span gives it."""
    found = []
    for start, end, role in party_names(index.text, index.words.PARTY_NOUNS):
        for ref in index.spans:
            record = ref.record
            if (record.start, record.end) == (start, end) and record.label == "PERSON":
                found.append((role, record.name or record.text))
    return found


def _former_office(index: DocIndex, i: int) -> bool:
    """'a former opposition lawmaker': an office the person no longer holds describes them
    (the office holder in post is an official, never a description)."""
    if index.lemma[i] not in index.words.OFFICE_NOUNS:
        return False
    return any(index.lower[j] in index.words.FORMER_WORDS for j in range(max(0, i - 4), i)) and all(
        index.pos[j] not in ("VERB", "PUNCT") for j in range(max(0, i - 4), i)
    )


LEDE_SENTENCES = 2
"""How far into the body the person a feature opens on may be named."""


def lede_subject(index: DocIndex, sentences: list, mentions: Mentions) -> str | None:
    """The person a feature opens on ("For six years, Ana Ruiz has written from Oslo ...",
    "Ana Ruiz still keeps her father's letters"): the first person the body names, as the
    subject of the main clause's act that is no telling, with no office before or beside
    the name, no relative and no perpetrator. The one a later 'the journalist' means when
    no one else is described so and no one is acted on most."""
    body = [s for s in sentences if s.zone == "body"][:LEDE_SENTENCES]
    for sentence in body:
        people = [r for r in sentence.spans if r.record.label == "PERSON" and r.record.name]
        if not people:
            continue
        first = people[0]
        name = first.record.name or ""
        verb = index.head[first.root]
        before = index.lemma[first.start - 1] if first.start > sentence.span.start else ""
        offices = {
            noun
            for noun, names in mentions.descriptions.items()
            if name in names and noun in index.words.OFFICE_NOUNS
        }
        if (
            index.dep[first.root] in ("nsubj", "nsubjpass")
            and index.dep[verb] == "ROOT"  # not 'When X became president, ...'
            and not offices
            and index.lemma[verb] not in index.words.SPEECH_VERBS
            and before not in index.words.OFFICE_NOUNS
            and before not in index.words.HONORIFICS
            and name not in mentions.relatives(index.words.FAMILY_NOUNS)
            and not mentions.is_perpetrator(name)
        ):
            return name
        return None
    return None
