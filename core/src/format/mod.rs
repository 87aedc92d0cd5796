//! The file format: JSON export and hostile-input-safe import, with migrations.
