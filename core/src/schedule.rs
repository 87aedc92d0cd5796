//! The check-in schedule: upcoming and overdue checks, and which contingency step is due.
