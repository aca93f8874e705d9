"""The local web app (``backstride serve``): runners, uploads, the questionnaire, analyses in
worker processes, the report, comparisons, deletion and export.

Heavy imports (FastAPI, SQLAlchemy, huey) live in this package only; the analysis library never
imports it.
"""
