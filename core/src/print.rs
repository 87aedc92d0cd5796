//! The printable plan: an A4 HTML document built with explicit escaping.
