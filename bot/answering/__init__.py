"""The answer engine: question + history -> a checked, cited ``Answer``.

Question analysis, follow-up rewriting, generators, the citation check and the pipeline that ties
them together; ``factory`` builds that pipeline from the settings. No front end lives here.
"""
