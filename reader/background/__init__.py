"""The analysis run for the app, apart from the screen: nearest the reader first, stopped when no longer wanted.

`report.py` is what an analysis tells the screen and asks of it (`Report`, `Analyzer`); `batches.py` the one loop,
batch by batch, and the analyzers that run it in this process; `process.py` runs that loop in a child process
started before the app; `thread.py` runs any analyzer in a thread quitting never waits for; `labelled.py` puts the
batches together for the screen. Nothing here imports Textual: `AnalysisProcess.start` runs before the app is
imported, so that spaCy loads in a process of its own while the text is drawn.
"""
