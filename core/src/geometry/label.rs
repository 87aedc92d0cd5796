//! Name labels on the map: what a node is called (with names hidden or not),
//! how long a label may be, and how wide it is estimated to be.
//!
//! The width is an estimate from the number of characters, not a measurement:
//! the core has no fonts. [`CHAR_WIDTH`] is generous for the map's font size
//! so that real text stays inside the estimated box.

use crate::plan::{Child, Person};

/// Estimated width of one character of a label, in map units.
pub const CHAR_WIDTH: f64 = 8.5;
/// Height of a label box, in map units.
pub const LABEL_HEIGHT: f64 = 19.0;
/// Labels longer than this many characters are cut and end with an ellipsis.
pub const LABEL_MAX_CHARS: usize = 18;
/// Free space left and right of the text inside a label box.
const LABEL_PADDING: f64 = 3.0;

/// The label text: at most [`LABEL_MAX_CHARS`] characters, cut with "…".
/// Whitespace runs collapse to one space, so a name full of newlines or tabs
/// cannot make a label taller or wider than estimated.
pub fn truncate_label(text: &str) -> String {
    truncate_text(text, LABEL_MAX_CHARS)
}

/// `text` on one line, at most `max` characters (at least 1), cut with "…".
pub fn truncate_text(text: &str, max: usize) -> String {
    let max = max.max(1);
    let clean = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if clean.chars().count() <= max {
        return clean;
    }
    let mut cut: String = clean.chars().take(max - 1).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

/// Estimated width of a label box for `text` (already truncated).
pub fn label_width(text: &str) -> f64 {
    text.chars().count() as f64 * CHAR_WIDTH + 2.0 * LABEL_PADDING
}

/// Initials of a name: the first letter of each word, each followed by a
/// full stop ("Anna-Karin Berg" → "A.K.B."). Empty for a name without letters.
pub fn initials(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|word| word.chars().find(|c| c.is_alphanumeric()))
        .flat_map(|c| c.to_uppercase().chain(std::iter::once('.')))
        .collect()
}

/// How a person is named on the map and in print. With `hide` (a visitor can
/// see the screen) the name gives way to the role ("mormor"), or to initials
/// if no role is written. Every view that hides names calls this one rule.
pub fn display_name(person: &Person, hide: bool) -> String {
    let name = person.name.trim();
    let role = person.role.trim();
    if hide {
        if !role.is_empty() {
            role.to_string()
        } else {
            initials(name)
        }
    } else if name.is_empty() {
        role.to_string()
    } else {
        name.to_string()
    }
}

/// How a child is named: the name, or with `hide` its initials.
pub fn child_display_name(child: &Child, hide: bool) -> String {
    if hide {
        initials(&child.name)
    } else {
        child.name.trim().to_string()
    }
}

/// The shown name of a person or child by id (empty if neither exists):
/// the one rule for hidden names, for every renderer.
pub fn display_name_of(plan: &crate::plan::Plan, id: crate::ids::PersonId, hide: bool) -> String {
    plan.person(id)
        .map(|p| display_name(p, hide))
        .or_else(|| plan.child(id).map(|c| child_display_name(c, hide)))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_labels_are_cut_with_an_ellipsis_and_short_ones_kept() {
        assert_eq!(truncate_label("Birgitta"), "Birgitta");
        let long = truncate_label("Socialsekreterare Västerort");
        assert_eq!(long.chars().count(), LABEL_MAX_CHARS);
        assert!(long.ends_with('…'));
        assert!(long.starts_with("Socialsekreterare"));
    }

    #[test]
    fn whitespace_in_a_name_cannot_stretch_the_label() {
        assert_eq!(truncate_label("  Jenny\n\tSvensson "), "Jenny Svensson");
    }

    #[test]
    fn initials_take_each_part_of_a_name() {
        assert_eq!(initials("Anna-Karin Berg"), "A.K.B.");
        assert_eq!(initials("åsa"), "Å.");
        assert_eq!(initials("  "), "");
    }
}
