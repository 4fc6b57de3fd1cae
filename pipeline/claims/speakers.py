"""Who a speaker token stands for: a name, the author of 'the report', the person a
pronoun, a description or a group phrase means (``SOURCE_RULES`` ids ``named``,
``report_author``, ``pronoun_speaker``, ``described_speaker``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from tnr_claims.claims.ages import age_told
from tnr_claims.claims.groups import group_phrase
from tnr_claims.claims.index import inside_quotation
from tnr_claims.claims.mentions import DETERMINERS, describing_nouns, speaker_nouns
from tnr_claims.claims.organisations_described import (
    issuer_of_document,
    one_org_holding,
    org_named_by_its_head,
    state_body,
)
from tnr_claims.claims.rules import SPEAKER_MEMORY_SENTENCES

if TYPE_CHECKING:
    from spacy.tokens import Token

    from tnr_claims.claims.index import DocIndex, Memory, Sentence, SpanRef


def report_authors(index: DocIndex, sentences: Sequence[Sentence]) -> list[tuple[int, str]]:
    """``(char offset, name)`` of every ORG named as a report's author or publisher, and of
    every ORG or PERSON who writes a letter ('X and three other experts have written to the
    Government').

    Recognised: 'a report (titled ...) by X', 'a study from X', 'X's (latest) report',
    'X, which published ...', 'X released a report', 'X has written to ...'.
    """
    lower = index.lower
    authors: list[tuple[int, str]] = []
    for sentence in sentences:
        if sentence.zone not in ("body", "title", "heading"):
            continue
        s0 = sentence.span.start
        for ref in sentence.spans:
            if ref.record.label not in ("ORG", "PERSON") or not ref.record.name:
                continue
            if ref.record.label == "PERSON":
                if _wrote_to(index, ref.root):
                    authors.append((ref.record.start, ref.record.name))
                continue
            found = False
            for k in range(ref.start - 1, max(s0, ref.start - 5) - 1, -1):
                if lower[k] in ("by", "from"):
                    window = lower[max(s0, k - 25) : k]
                    found = any(
                        w in index.words.REPORT_NOUNS or w.rstrip("s") in index.words.REPORT_NOUNS
                        for w in window
                    ) or any(w in index.words.PUBLISH_WORDS for w in window)
                    break
                if index.pos[k] in ("VERB", "AUX") or lower[k] in (".", ";", ":"):
                    break
            if not found:
                found = _authored_by(index, ref.root)
            if not found:
                after = lower[ref.end : ref.end + 4]
                if after and after[0] in ("'s", "’s", "'", "’"):
                    found = any(w in index.words.REPORT_NOUNS for w in after[1:])
                if not found:
                    # 'X, which published ...'; not 'asks X to publish ...'
                    found = (
                        any(w in index.words.PUBLISH_WORDS for w in lower[ref.end : ref.end + 3])
                        and "to" not in lower[ref.end : ref.end + 2]
                    )
            if found or _wrote_to(index, ref.root) or _launching_its_report(index, ref.root):
                authors.append((ref.record.start, ref.record.name))
    return authors


def _launching_its_report(index: DocIndex, root: int) -> bool:
    """'X said on Thursday, launching its annual report', 'X published its findings in a
    report': the subject of the sentence's main verb owns the report its clause names ('its'
    or 'their' before a report noun, two words allowed between)."""
    if index.dep[root] != "nsubj" or index.dep[index.head[root]] != "ROOT":
        return False
    verb = index.doc[index.head[root]]
    lower = index.lower
    for token in verb.subtree:
        if token.i > root and lower[token.i] in ("its", "their"):
            window = lower[token.i + 1 : token.i + 4]
            if any(w in index.words.REPORT_NOUNS for w in window):
                return True
    return False


WRITING_VERBS = frozenset({"write", "send", "address", "submit"})
"""Verbs of sending a letter or communication ('have written to the Government')."""


def _wrote_to(index: DocIndex, root: int) -> bool:
    """'X and three other experts have written to the Government about Y': X writes the
    letter that later sentences call 'the letter' or 'their letter' (also X in apposition
    to the subject: 'The Special Rapporteur on torture, X, has written to ...')."""
    if index.dep[root] == "appos":
        root = index.head[root]
    if index.dep[root] != "nsubj":
        return False
    verb = index.head[root]
    if index.lemma[verb] not in WRITING_VERBS:
        return False
    return any(
        (c.dep_ == "prep" and c.lower_ == "to")
        or (c.dep_ == "dobj" and c.lemma_.lower() in index.words.REPORT_NOUNS)
        for c in index.children(verb)
    )


def _authored_by(index: DocIndex, root: int) -> bool:
    """'a report published on Tuesday by the London-based group X', 'a study released last
    week by X': the ORG is the agent of a publishing verb on a report noun, however many
    words stand between them."""
    if index.dep[root] == "appos":
        root = index.head[root]  # 'by the group X'
    prep = index.head[root]
    if index.dep[root] != "pobj" or index.lower[prep] not in ("by", "from"):
        return False
    verb = index.head[prep]
    if index.lemma[verb] in index.words.REPORT_NOUNS:
        return True
    return index.lower[verb] in index.words.PUBLISH_WORDS and (
        index.lemma[index.head[verb]] in index.words.REPORT_NOUNS
        or any(
            c.dep_ in ("nsubjpass", "dobj") and c.lemma_.lower() in index.words.REPORT_NOUNS
            for c in index.children(verb)
        )
    )


def report_author(memory: Memory, sentence: Sentence, min_times: int = 1) -> str | None:
    """The author of 'the report' at this sentence: the last named before its end, else the
    first named later, else the ORG most often a source so far (at least ``min_times``)."""
    before = [name for offset, name in memory.authors if offset < sentence.end_char]
    if before:
        return before[-1]
    if memory.authors:
        return memory.authors[0][1]
    if memory.org_sources:
        name, times = memory.org_sources.most_common(1)[0]
        if times >= min_times:
            return name
    return None


ISSUED_BY_ANYONE = frozenset({"statement", "statements", "letter", "release"})
"""Report nouns anyone may issue: 'according to the statement' falls back on an
organisation only when it has been a source at least twice (the CIA quoted once did not
issue a prosecutor's statement)."""


CASE_NOUNS = frozenset({"case", "example", "instance"})
"""Nouns of one case a report sets out ('A second case in the report concerns X')."""

REPORT_DOCUMENTS = frozenset(
    {"report", "study", "investigation", "survey", "dossier", "review", "paper", "analysis"}
)
"""Documents that set out cases ('the report', 'the study'); not the group that wrote one."""

REPORT_CASE_WINDOW = 10
"""How many opening tokens may hold the case noun and the report that sets it out."""


def case_of_a_report(index: DocIndex, sentence: Sentence) -> bool:
    """'A second case in the report concerns X', 'The report's central case involves X',
    'Among the cases the study highlights is ...': the sentence opens by presenting one of
    a report's cases, so the report's author tells it (not 'The case was reported to the
    police', where no report noun has a determiner, nor a case in a court's report)."""
    s0 = sentence.span.start
    hi = min(sentence.span.end, s0 + REPORT_CASE_WINDOW)
    if not any(index.lemma[i] in CASE_NOUNS and index.pos[i] == "NOUN" for i in range(s0, hi)):
        return False
    for i in range(s0, hi):
        if index.tag[i] != "NN" or index.lemma[i] not in REPORT_DOCUMENTS:
            continue  # one document, not 'the group called the cases ...' nor 'reports'
        before = index.lower[i - 1] if i > s0 else ""
        after = index.lower[i + 1] if i + 1 < sentence.span.end else ""
        if before in ("the", "its", "this", "their") or after in ("'s", "’s"):
            return True
    return False


def resolve_speaker(  # noqa: C901
    index: DocIndex, sentence: Sentence, number: int, memory: Memory, subject: int
) -> tuple[str | None, str]:
    """Name the speaker token ``subject`` stands for: ``(name, how)`` with how ``named``,
    ``report_author``, ``pronoun_speaker`` or ``unnamed_speaker``."""
    for child in index.children(subject):
        person = index.named(child.i, ("PERSON",)) if child.dep_ == "appos" else None
        if person is not None and person.record.name:
            # 'The UN Special Rapporteur on torture, Marta Kell, said': the name in
            # apposition, whatever the office before it was read as
            return _holder_after_a_titled_name(index, child.i, person), "named"
    ref = index.named(subject)
    if ref is not None:
        return _first_of_joined(index, sentence, ref).record.name, "named"
    after = index.named(subject + 1) if subject + 1 < sentence.span.end else None
    if (
        after is not None
        and after.start == subject + 1
        and after.record.name
        and after.record.label == "ORG"
        and index.lemma[subject] in index.words.ORG_DESCRIPTION_NOUNS
    ):
        return after.record.name, "named"  # 'the group Exile Watch said', however parsed
    for joined in index.doc[subject].conjuncts:
        # 'Norway, Chile and Exile Watch condemned ...': states are no source;
        # the first organisation or person joined to them speaks (codebook, second set)
        ref = index.named(joined.i)
        if ref is not None and ref.record.name and joined.i > subject:
            return ref.record.name, "named"
    lemma = index.lemma[subject]
    if lemma in index.words.PERSON_NOUNS or lemma in index.words.OFFICE_NOUNS:
        # 'Two bloggers in Oslo, Ana Ruiz and Li Wen, told me', 'a spokesman for the
        # ministry, Li Wen, said': the parser may hang the names on the place or the
        # organisation; the first person set off in the subject phrase speaks
        for token in _own_phrase(index.doc[subject]):
            if token.dep_ in ("appos", "conj") and token.head.dep_ == "pobj":
                person = index.named(token.i, ("PERSON",))
                if person is not None and person.record.name:
                    return person.record.name, "named"
    for deps in (("appos", "compound"), ("poss",)):
        for child in index.children(subject):
            if child.dep_ == "appos" and index.has_child(child.i, ("conj",)):
                continue  # 'The group, Exile Watch and four others': a list, the first speaks
            if child.dep_ in deps:
                ref = index.named(child.i)
                if ref is not None and not (deps == ("poss",) and ref.record.label == "PERSON"):
                    # 'Amnesty's researchers said' is Amnesty; 'Ana's lawyers said' is
                    # not Ana but people the sentence does not name
                    return ref.record.name, "named"
    for prep in index.children(subject):
        # '22 organisations including Amnesty and Exile Watch said': a joint statement
        # takes the first one named (codebook, second set)
        if prep.dep_ == "prep" and prep.lower_ in ("including", "like"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                ref = index.named(pobj.i)
                if ref is not None and ref.record.name and ref.record.label in ("ORG", "PERSON"):
                    return ref.record.name, "named"
    for token in index.doc[subject].subtree:
        if token.dep_ in ("relcl", "ccomp", "acl") and token.i != subject:
            continue
        if (
            token.dep_ == "pobj"
            and token.head.lower_ in ("by", "from")
            and token.head.head.i != token.head.i
        ):
            ref = index.named(token.i)
            if ref is None:
                for grand in token.children:
                    if grand.dep_ in ("appos", "compound"):
                        ref = index.named(grand.i)
                        break
            if ref is not None:
                return ref.record.name, "named"
    if _voice_of_the_issuer(index, sentence, memory, subject):
        return memory.issuer, "statement_issuer"
    lower = index.lower[subject]
    if lower in index.words.SUBJECT_PRONOUNS:
        mentions = memory.mentions
        for ref in reversed(sentence.spans):
            if ref.record.label == "PERSON" and ref.end <= subject and ref.record.name:
                owner = _owner_of_relative(index, ref.root)
                if owner is False:
                    continue  # 'His daughter, Lili, was dismissed, he said': not Lili
                speaker = owner or ref.record.name
                if mentions is not None and not mentions.agrees(speaker, lower):
                    continue  # 'One brother, Omar, lost his post, she said': not Omar
                return speaker, "pronoun_speaker"
        if _unnamed_speaker_just_before(memory, number):
            return None, "unnamed_speaker"  # 'The judge said ... . ..., he added': the judge
        after_quote = sentence.starts_in_quote and not inside_quotation(index, sentence, subject)
        fits = None if mentions is None else (lambda name: mentions.agrees(name, lower))
        recent = memory.recent_speaker(number, after_quote=after_quote, fits=fits)
        return (recent, "pronoun_speaker") if recent else (None, "unnamed_speaker")
    joint = memory.speaking_group
    if (
        joint is not None
        and (number - joint[1] <= SPEAKER_MEMORY_SENTENCES or index.lemma[subject] in joint[2])
        and group_phrase(
            index,
            subject,
            len(joint[0]),
            describing_nouns(index) | joint[2] | index.words.JOINT_SPEAKER_NOUNS,
        )
    ):
        # 'three rapporteurs, A, B and C, wrote': 'the rapporteurs said' anywhere later
        return joint[0][0], "described_speaker"
    if memory.last_group and group_phrase(
        index, subject, len(memory.last_group), describing_nouns(index)
    ):
        # 'The two students believe ...': a joint statement takes the first one named, as
        # a call made jointly by several organisations does (codebook, second set)
        return memory.last_group[0], "described_speaker"
    office = _office_of_organisation(index, subject)
    if office is not None:
        return office, "named"  # 'a spokesperson for Exile Watch said'
    issuer = issuer_of_document(index, sentence, subject)
    if issuer is not None:
        return issuer, "described_speaker"
    described = _described_speaker(index, sentence, memory, subject)
    if described is not None:
        return described, "described_speaker"
    recent_org = memory.last_org_speaker
    if lower == "it" and recent_org and number - recent_org[1] <= SPEAKER_MEMORY_SENTENCES:
        return recent_org[0], "pronoun_speaker"  # '..., it added': the organisation just quoted
    plural_ok = index.tag[subject] != "NNS" or index.lemma[subject] in (
        "author",
        "researcher",
        "finding",
    )
    if lower == "it" or (index.lemma[subject] in index.words.REPORT_NOUNS and plural_ok):
        determiners = {c.lower_ for c in index.children(subject) if c.dep_ in ("det", "poss")}
        bare_authors = (
            not determiners
            and index.lemma[subject] in ("author", "researcher")
            and index.tag[subject] == "NNS"
            and not index.has_child(subject, ("prep", "amod", "compound"))
        )  # 'Researchers documented threats in 40 countries': the report's own
        if (
            lower == "it"
            or determiners & {"the", "this", "its", "their", "that", "our"}
            or _owned_by_a_definite_body(index, subject)
            or bare_authors
        ):
            author = report_author(memory, sentence)
            if author is not None:
                return author, "report_author"
    if lemma in index.words.PERSON_NOUNS or lemma in index.words.OFFICE_NOUNS:
        memory.unnamed_speaker_at = number  # 'The judge said': a later 'he added' is the judge
    return None, "unnamed_speaker"


def _voice_of_the_issuer(index: DocIndex, sentence: Sentence, memory: Memory, i: int) -> bool:
    """'The experts said ...', 'the signatories said ...' outside quotation marks, in a
    statement an organisation issues (``Memory.issuer``) and no person narrates: the
    organisation told of in the third person, as 'the report says' is its author. Its own
    'we call on ...' stays unattributed: the codebook's source is null when the author
    asserts."""
    if memory.issuer is None or (memory.mentions is not None and memory.mentions.narrator):
        return False
    if sentence.starts_in_quote or inside_quotation(index, sentence, i):
        return False
    children = list(index.children(i))
    return (
        index.lemma[i] in ISSUER_MEMBER_NOUNS
        and index.tag[i] == "NNS"
        and any(c.dep_ == "det" and c.lower_ == "the" for c in children)
        and not any(c.dep_ in ("prep", "amod", "relcl", "acl", "nummod") for c in children)
    )


ISSUER_MEMBER_NOUNS = frozenset({"expert", "rapporteur", "signatory", "organisation", "group"})
"""Plural nouns for those who issue a statement together ('the experts', 'the signatories')."""


def _own_phrase(head: Token) -> list[Token]:
    """The tokens of the noun phrase at ``head`` without its clauses ('a man who claimed
    to have news of his brother, X': not X)."""
    found = [head]
    for child in head.children:
        if child.dep_ not in CLAUSE_DEPS:
            found.extend(_own_phrase(child))
    return found


CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp"})
"""Dependencies that open a clause inside a noun phrase."""


def _unnamed_speaker_just_before(memory: Memory, number: int) -> bool:
    """Whether the sentence before had an unnamed person as its speaker ('The judge said
    ...'), more recently than any named one spoke."""
    at = memory.unnamed_speaker_at
    if at is None or number - at != 1:
        return False
    return memory.last_speaker is None or memory.last_speaker[1] < at


def _owned_by_a_definite_body(index: DocIndex, subject: int) -> bool:
    """'the observatory's researchers found', 'the group's report says': a possessor that is
    a definite body (a report noun or an organisation's head word written in lower case)."""
    for child in index.children(subject):
        if child.dep_ != "poss" or child.pos_ != "NOUN":
            continue
        definite = any(g.dep_ == "det" and g.lower_ in ("the", "its") for g in child.children)
        body = (
            child.lemma_.lower() in index.words.REPORT_NOUNS
            or child.text.capitalize() in index.words.ORG_NAME_HEADS
        )
        if definite and body:
            return True
    return False


def _holder_after_a_titled_name(index: DocIndex, name: int, person: SpanRef) -> str:
    """'An adviser to Ruritania's President A, B, said': when the name the parser set beside
    the speaker noun carries a title and another name follows it set off by commas, the
    titled one is whom the speaker serves; the one after is the speaker."""
    titled = any(
        c.dep_ == "compound" and c.lower_ in index.words.HONORIFICS for c in index.children(name)
    )
    for child in index.children(name) if titled else ():
        holder = index.named(child.i, ("PERSON",)) if child.dep_ == "appos" else None
        if holder is not None and holder.record.name and index.lower[child.i + 1] == ",":
            return holder.record.name
    return person.record.name


def _first_of_joined(index: DocIndex, sentence: Sentence, ref: SpanRef) -> SpanRef:
    """The first of names joined by 'and' in one subject ('Exile Watch and Human Rights
    Watch said'): a joint statement takes the first one named (codebook, second set), also
    where the parser hangs the first name on the last."""
    subtree = {t.i for t in index.doc[ref.root].subtree}
    for other in sentence.spans:
        if (
            other.end <= ref.start
            and other.record.label == ref.record.label
            and other.record.name
            and other.root in subtree
            and any(index.lower[j] == "and" for j in range(other.end, ref.start))
            and all(index.lower[j] in ("and", ",", "the") for j in range(other.end, ref.start))
        ):
            return other
    return ref


def _owner_of_relative(index: DocIndex, root: int) -> str | bool | None:
    """For a name in apposition to a possessed relative ('Zheng's daughter, Zheng Lili'):
    the owner's name when it is named, ``False`` when it is a pronoun ('his daughter,
    Lili'); ``None`` for any other name."""
    head = index.head[root]
    if index.dep[root] != "appos" or index.lemma[head] not in index.words.FAMILY_NOUNS:
        return None
    for child in index.children(head):
        if child.dep_ == "poss":
            ref = index.named(child.i, ("PERSON",))
            return ref.record.name if ref is not None and ref.record.name else False
    return None


def _office_of_organisation(index: DocIndex, subject: int) -> str | None:
    """'a spokesperson for X', 'a researcher at X', 'the director of X': an unnamed holder
    of an office speaks for the named organisation X."""
    if index.lemma[subject] not in index.words.OFFICE_NOUNS or index.pos[subject] != "NOUN":
        return None
    for prep in index.children(subject):
        if prep.dep_ == "prep" and prep.lower_ in ("for", "at", "of", "with"):
            for pobj in prep.children:
                ref = index.named(pobj.i, ("ORG",)) if pobj.dep_ == "pobj" else None
                if ref is not None:
                    return ref.record.name
    return None


def _possessor(token: Token) -> bool:
    """A possessor: 'poss', or a noun modifier the parser gives its own "'s" ('the
    watchdog's website', read as nmod with a case child)."""
    return token.dep_ == "poss" or (
        token.dep_ == "nmod" and any(c.dep_ == "case" for c in token.children)
    )


BENCH_NOUNS = frozenset({"judge", "chamber", "bench", "panel"})
"""Who sits for a court: 'the judges noted', 'the chamber found' speak as the court ('the
judge' is a person, whom the document may name)."""

STATE_DESCRIPTION_NOUNS = frozenset({"watchdog", "agency", "monitor", "regulator"})
"""Organisation descriptions that fit a state body as well ('the antigraft watchdog said'
after a party commission spoke): these take the organisation that spoke last whatever it
is; 'the group', 'the charity' never stand for a ministry or a court."""


def _named_before(index: DocIndex, name: str, i: int) -> bool:
    """Whether the document names ``name`` before token ``i``."""
    return any(
        ref.record.name == name and ref.start < i
        for ref in index.spans
        if ref.record.label == "PERSON"
    )


def _described_speaker(
    index: DocIndex, sentence: Sentence, memory: Memory, subject: int
) -> str | None:
    """A definite description as speaker resolves like a target does (codebook, second
    set: sources through a relative phrase): 'the leader of the group said' -> the one
    person the document describes as its leader; 'the group said' -> the organisation
    that spoke last, else the one named last before the sentence."""
    age = age_told(index, subject)
    if age is not None and memory.mentions is not None and age in memory.mentions.descriptions:
        return memory.mentions.resolve(age, fallback=False)  # 'the 34-year-old said'
    if index.tag[subject] == "NNS" and index.lemma[subject] not in speaker_nouns(index):
        # 'the association's records show': the things a described group owns are its word
        subject = next(
            (
                c.i
                for c in index.children(subject)
                if _possessor(c) and c.lemma_.lower() in index.words.ORG_DESCRIPTION_NOUNS
            ),
            subject,
        )
    if (
        index.lemma[subject] in BENCH_NOUNS
        and (index.tag[subject] == "NNS" or index.lemma[subject] != "judge")
        and index.has_child(subject, ("det", "poss"))
    ):
        return org_named_by_its_head(index, sentence, "court")  # 'the judges noted'
    party = index.tag[subject] == "NNP" and index.lemma[subject] in index.words.PARTY_NOUNS
    if (index.tag[subject] != "NN" and not party) or not any(
        _possessor(c) or (c.dep_ == "det" and c.lower_ in DETERMINERS)
        for c in index.children(subject)
    ):
        return None  # "another activist said" is someone the document has not named
    indefinite = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in index.children(subject))
    if indefinite and index.lemma[subject] in index.words.ORG_DESCRIPTION_NOUNS:
        return None  # 'a rights group said': one the document does not name
    for child in index.children(subject):
        if _possessor(child) and child.lemma_.lower() in index.words.ORG_DESCRIPTION_NOUNS:
            subject = child.i  # 'the group's blog said': the group speaks
            break
    lemma = index.lemma[subject]
    mentions = memory.mentions
    if mentions is not None:
        named = mentions.descriptions.get(lemma, set())
        if len(named) == 1 and not (
            indefinite and _named_before(index, next(iter(named)), subject)
        ):
            return next(iter(named))  # 'an officer said' is new: named later, if at all
    if lemma in index.words.ORG_DESCRIPTION_NOUNS:
        titled = one_org_holding(index, lemma)
        if titled is not None:
            return titled  # 'the centre said' and one 'Halden Centre for Exile Studies'
        # 'the organisation said': the one that spoke last, else the one named last; a
        # group, a network, an NGO is no ministry, court or police force
        # bodies; but a watchdog or an agency may be the state's own
        state_too = lemma in STATE_DESCRIPTION_NOUNS
        spoke = memory.last_org_speaker[0] if memory.last_org_speaker is not None else None
        if spoke is not None and (state_too or not state_body(spoke, index)):
            return spoke
        for ref in reversed(index.spans):
            if (
                ref.end <= sentence.span.start
                and ref.record.label == "ORG"
                and ref.record.name
                and (state_too or not state_body(ref.record.name, index))
            ):
                return ref.record.name
    return org_named_by_its_head(index, sentence, lemma)
