"""The terminal front ends: the ``newsbot`` command line, the REPL and their rich rendering."""
