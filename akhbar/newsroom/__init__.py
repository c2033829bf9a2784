"""The newsroom: editions, sections, articles and the people and agencies behind them.

This is the shared core the feature apps (wire, listen, discover, search, distribution)
build on; it imports none of them.
"""
