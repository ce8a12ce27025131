"""The ``liudiao`` command line: the one entry point for users and scripts."""
