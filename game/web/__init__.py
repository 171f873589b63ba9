"""The browser build of Tether: the builder (desktop side) and the bridge the page calls (runs in Pyodide)."""
