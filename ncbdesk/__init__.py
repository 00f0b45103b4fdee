"""ncbdesk — the working system of an INTERPOL National Central Bureau."""
