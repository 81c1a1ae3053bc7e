"""Scheduled output: reminders and digests, called by the scheduler."""
