"""Pure language work: text in, meaning out (commands, parser, dates, names, field values); no storage."""
