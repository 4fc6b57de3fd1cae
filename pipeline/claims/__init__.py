"""Claims: one claim record per qualifying body sentence.

This stage reads a processed spaCy ``Doc`` (parse, sentences, cue matches) together with
the document's final, normalised :class:`~tnr_claims.records.SpanRecord` values and turns
every qualifying sentence of a ``body`` zone into a :class:`~tnr_claims.records.ClaimRecord`
(codebook section 3). Every decision is an ordered rule with an id, and the ids end up in
the record's :class:`~tnr_claims.records.ClaimProvenance`.

The cue lexicon (hedges, negations, attributions, recommendations, scope terminators and
quotation marks) is rule data in ``patterns/cues.jsonl`` in the medspaCy ConText shape:
a cue, a direction, a scope in tokens (0: to the clause or sentence boundary). The
tagger writes its matches to ``doc.spans["tnr_cues"]``; when a Doc was not run through
the tagger (unit tests on the bare model) the tagger's ``RuleMatcher`` matches the same rules.
The words the rules read (event verbs, office nouns, report nouns...) are the named lists of
``patterns/lexicons.jsonl``, reached as ``index.words.<LIST_ID>``.

What this package decides, in order, per sentence (one module each)
    1. **Zone**: only sentences whose start lies in a ``body`` zone (all sentences when a
       Doc has no zones).
    2. **Fields** (codebook section 3): METHOD codes, LOCATION codes (nulls dropped),
       ``instrument#article`` keys, DATE values, non-null QUANTITY values, as sorted sets.
    3. **Targets** (:data:`TARGET_RULES`): named PERSON spans and resolved pronouns that
       are patients of the act; speakers, officials, agents and possessors of unrelated
       things are excluded.
    4. **Source** (:data:`SOURCE_RULES`): the named ORG/PERSON the claim is attributed to.
    5. **Qualifies** (:data:`CLAIM_RULES`): whether the sentence is a claim at all.
    6. **Type** (:data:`TYPE_RULES`), **hedged** and **negated** (cue scopes).

Provenance: ``ClaimProvenance.claim_rule`` is the :data:`CLAIM_RULES` id (why a claim at
all), ``type_rule`` the :data:`TYPE_RULES` id, ``source_rule`` how the source was found,
``target_rules`` the :data:`TARGET_RULES` id of each target, and the record's ``cues`` every
cue that decided source, call for action, hedge or negation.

Document-level memory (in sentence order): the last named target (for ``he``/``his``),
the last named speaker (for ``he said``), the authors of reports named so far (for
``the report says``), how often each ORG was a source, and open quotations (a quotation
continued across sentences keeps its speaker).
"""

from tnr_claims.claims.build import build_claims
from tnr_claims.claims.cues import load_cue_rules
from tnr_claims.claims.rules import CLAIM_RULES, SOURCE_RULES, TARGET_RULES, TYPE_RULES

__all__ = [
    "build_claims",
    "load_cue_rules",
    "CLAIM_RULES",
    "TYPE_RULES",
    "SOURCE_RULES",
    "TARGET_RULES",
]
