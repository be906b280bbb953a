"""Reviewing annotations: agreement between annotators' copies (`agree`) and changes between versions (`diff`).

`copies` reads a corpus folder strictly (unknown fields and labels are located errors), `statistics` holds
the chance-corrected coefficients and span matching, `agreement` and `corpus_diff` compare corpora, and
`agreement_render` / `diff_render` turn the results into text, JSON and Markdown.
"""
