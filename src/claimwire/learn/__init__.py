"""Learning the pre-annotator's claim-type model: from the shipped training data and the team's work.

`logreg` is the model's mathematics (a weighted multinomial logistic regression over binary string
features, fitted deterministically with numpy alone); `examples` turns parsed sentences into training
examples and holds the shipped training data (the features of the gold dev part and the sentence
bank, package data); `corpus_model` is where a corpus keeps its own model and how `convert` finds
it; `team` trains on a corpus's human sentences and cross-validates shipped against new.
`scripts/train_claims_lr.py` (the shipped model) and `claimwire train` (a corpus's model) share
this code.
"""
