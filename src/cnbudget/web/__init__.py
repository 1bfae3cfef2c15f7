"""The web application (`cnbudget serve`): pages and an HTTP API over the same
database the command line uses (cnbudget.store).

Everything here needs the `web` extra (FastAPI, uvicorn, Jinja2, argon2); it is
imported only by `cnbudget serve` and the account commands, never at start-up.
`create_app` (cnbudget.web.app) builds the application.
"""
