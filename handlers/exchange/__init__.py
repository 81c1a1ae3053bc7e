"""File exchange: CSV, vCard and iCalendar in and out."""
