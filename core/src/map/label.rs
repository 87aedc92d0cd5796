//! Name labels on the map: what a node is called (with names hidden or not),
//! how long a label may be, and how wide it is estimated to be.
//!
//! The width is an estimate from the number of characters, not a measurement:
//! the core has no fonts. [`CHAR_WIDTH`] is generous for the map's font size
//! so that real text stays inside the estimated box.

use crate::document::plan::{Child, Person};

/// Font size of a person's label, in map units: one value for the widget's
/// map, the SVG export and the layout's label boxes, so they always agree.
/// (Larger fonts make crowded cells grow the map; see the geometry tests.)
pub const LABEL_FONT: f64 = 15.0;
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

/// `text` in at most `max` characters, cut with "…" ("Ingrid Lindqvist"
/// → "Ingrid L…"): the screen's crowded maps use it rather than shrink the
/// type (the full name is in the node's accessible name, its tooltip and
/// the list view). A cut label is always the name's beginning.
pub fn short_label(text: &str, max: usize) -> String {
    truncate_text(text, max)
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

/// Sector titles longer than this are drawn on two lines.
pub const SECTOR_TITLE_CHARS: usize = 16;

/// Splits a title longer than `max` characters into two lines at the space
/// nearest its middle (one line if it is short or has no space), so a long
/// sector name does not push the map smaller. Used by the SVG export and the
/// widget's map alike.
pub fn split_title(text: &str, max: usize) -> Vec<String> {
    if text.chars().count() <= max {
        return vec![text.to_string()];
    }
    let middle = text.len() / 2;
    let split = text
        .match_indices(' ')
        .map(|(i, _)| i)
        .min_by_key(|i| i.abs_diff(middle));
    match split {
        Some(i) => vec![text[..i].to_string(), text[i + 1..].to_string()],
        None => vec![text.to_string()],
    }
}

/// The shown name of a person or child by id (empty if neither exists):
/// the one rule for hidden names, for every renderer.
/// With `hide`, a role that mentions someone ("förskollärare (Alvas
/// avdelning)") has that name hidden too.
pub fn display_name_of(
    plan: &crate::document::plan::Plan,
    id: crate::document::ids::PersonId,
    hide: bool,
) -> String {
    let shown = plan
        .person(id)
        .map(|p| display_name(p, hide))
        .or_else(|| plan.child(id).map(|c| child_display_name(c, hide)))
        .unwrap_or_default();
    if hide {
        hide_names_in(plan, &shown)
    } else {
        shown
    }
}

/// `text` with every person's and child's name replaced by its hidden form
/// (see [`display_name`]): for free text (worries, agreements, the child's
/// words) shown while names are hidden. Whole words only, longest names
/// first, and a Swedish genitive follows along ("Alvas" → "A:s",
/// "Birgittas" → "mormors"). Nicknames and misspellings are not caught:
/// this narrows what a visitor can read, it does not anonymise.
pub fn hide_names_in(plan: &crate::document::plan::Plan, text: &str) -> String {
    let mut names: Vec<(&str, String)> = plan
        .people()
        .iter()
        .map(|p| (p.name.trim(), display_name(p, true)))
        .chain(
            plan.children()
                .iter()
                .map(|c| (c.name.trim(), child_display_name(c, true))),
        )
        .filter(|(name, hidden)| name.chars().count() >= 2 && !hidden.is_empty())
        .collect();
    crate::sort::by_key(&mut names, |(name, _)| std::cmp::Reverse(name.len()));
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut previous: Option<char> = None;
    'scan: while let Some(c) = rest.chars().next() {
        if !is_word(previous) {
            for (name, hidden) in &names {
                let Some(after) = rest.strip_prefix(name) else {
                    continue;
                };
                let next = after.chars().next();
                if !is_word(next) {
                    out.push_str(hidden);
                    previous = name.chars().last();
                    rest = after;
                    continue 'scan;
                }
                if next == Some('s') && !is_word(after[1..].chars().next()) {
                    match hidden.strip_suffix('.') {
                        Some(initials) => {
                            out.push_str(initials);
                            out.push_str(":s");
                        }
                        None => {
                            out.push_str(hidden);
                            out.push('s');
                        }
                    }
                    previous = Some('s');
                    rest = &after[1..];
                    continue 'scan;
                }
            }
        }
        out.push(c);
        previous = Some(c);
        rest = &rest[c.len_utf8()..];
    }
    out
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
    fn short_labels_are_the_beginning_of_the_name() {
        assert_eq!(short_label("Ingrid Lindqvist", 9), "Ingrid L…");
        assert_eq!(short_label("Birgitta", 12), "Birgitta");
    }

    #[test]
    fn whitespace_in_a_name_cannot_stretch_the_label() {
        assert_eq!(truncate_label("  Jenny\n\tSvensson "), "Jenny Svensson");
    }

    #[test]
    fn names_in_free_text_give_way_to_roles_and_initials() {
        let plan = crate::document::sample::sample_plan();
        assert_eq!(
            hide_names_in(
                &plan,
                "Mikael slår Alva. Alvas arm, Birgittas kort; Alvarez och Lenas?"
            ),
            "mammas sambo, lillebrors pappa slår A.. A:s arm, mormors kort; Alvarez och socialsekreterares?"
        );
        // Words that merely contain a name are left alone.
        assert_eq!(hide_names_in(&plan, "Malvan, Elisabet"), "Malvan, Elisabet");
    }

    #[test]
    fn initials_take_each_part_of_a_name() {
        assert_eq!(initials("Anna-Karin Berg"), "A.K.B.");
        assert_eq!(initials("åsa"), "Å.");
        assert_eq!(initials("  "), "");
    }
}
