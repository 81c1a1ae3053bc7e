"""The CRM use cases: a command and its context in, a Reply out."""
