"""The pure core: documents and what is computed from them, with no web framework and no database.

model, text, errors, config and serialize at the bottom; parsers (file -> Document), ingest and sandbox
(files, folders and archives parsed under limits), matching (documents -> groups), diff (documents ->
differences), national (a local document held against national guidance), docxwrite and localnames.
Nothing here imports Flask, SQLAlchemy, converge.store, converge.workflow or anything above them.
"""
