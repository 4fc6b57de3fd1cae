"""spaCy components: zone segmentation and rule tagging, registered as factories.

The statistical model plus two components (:func:`build_nlp`); the model is loaded once per
process, never inside a per-document function. The components, in
:mod:`tnr_claims.nlp.factories`:

``tnr_segmenter`` (first)
    Splits the text into zones with :func:`tnr_claims.text.segment.segment_text` (title,
    headings, body paragraphs, captions, boilerplate, references), stores them in
    ``doc.user_data["tnr_segments"]`` and marks the first token of every zone as a
    sentence start, so the parser never runs a sentence across a heading or paragraph.

``tnr_tagger`` (last)
    Matches the span rules of ``patterns/`` (METHOD, LEGAL_REF, LOCATION aliases, ORG and
    PERSON gazetteers, NOT_ENTITY blockers) and the cue rules, maps the model's entities
    onto the codebook labels, merges both by :func:`~tnr_claims.nlp.spans.merge_spans` and
    writes the result to ``doc.spans["tnr"]`` (``span.label_`` = codebook label, ``span.id_`` =
    the rule id or ``model:<LABEL>``) and the cues to ``doc.spans["tnr_cues"]`` (``label_`` =
    cue kind).

Merge policy (implemented once, in :func:`tnr_claims.nlp.spans.merge_spans`):

1. Tier 1, METHOD and LEGAL_REF rule spans: the longest wins, ties go to the earlier
   start, then to the rule listed first. A METHOD span that holds a person or place
   (from a rule or the model) after its first word ends before it
   (:func:`~tnr_claims.nlp.spans.cut_before_names`), so the name keeps its own span.
2. Tier 2, gazetteer rules and model entities (LOCATION, ORG, PERSON, DATE, QUANTITY,
   model LAW as LEGAL_REF): only where no tier-1 span overlaps; among them the longest
   wins and at equal length a rule beats the model.
3. Model entities overlapping a NOT_ENTITY rule are dropped; so are model places the
   normaliser does not know, counts that are not counts (years, percentages, ages,
   list numbers) and every span outside the article's zones (boilerplate, captions,
   references).

Model entities and rule matches are trimmed of a leading determiner, a trailing
possessive and punctuation before merging (codebook: spans exclude them), so a rule
may need "the" as context ("the mainland", "the West") without the span including it.
"""

from tnr_claims.nlp.model import build_nlp, default_model, load_model, model_info

__all__ = ["build_nlp", "default_model", "load_model", "model_info"]
