"""Many sites audited as one batch: a portfolio file, an engine (local processes or Celery
workers), each site's output folder, the history, and the dashboard.

A client of the pipeline, like the command line: it drives `pipeline.run_audit` once per site
and never reaches into the stages. See docs/batch.md and docs/deploy.md.
"""
