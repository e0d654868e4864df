"""The use cases every front end (the bridge, the till window, the manager mode, the CLI) calls, with typed
results: the till, customers, orders, the catalogue and the manager. No Qt, no JSON."""
