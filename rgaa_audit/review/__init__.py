"""The review app: a local web app where an auditor finishes an audit by hand.

`state.py` holds the stored report, the verdicts file and every decision (one criterion on one
page, or in bulk); `app.py` is the Starlette application that shows the grid and the cells and
takes the decisions; `server.py` serves it on 127.0.0.1 with uvicorn. Every decision is written
to the verdicts file at once (atomically), so a closed tab or a crash loses nothing.
"""
