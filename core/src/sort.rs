//! One stable sort for the whole widget, compiled once.
//!
//! The standard library's sorts are excellent and large: every call site
//! with its own element type or comparison gets its own copy of driftsort
//! (several KB of wasm each). With a few dozen call sites that was over 100 KB
//! of the widget's wasm, against the offline file's 400 KB budget (issue #4).
//! Our lists are short (people, agreements, meetings: at most thousands), so
//! one non-generic merge sort over indices is plenty: the generic part left
//! at each call site is a comparison closure and a permutation.
//!
//! Use these instead of `slice::sort*` in code that ships in the wasm
//! (`core/src`, `web/src`); `core/tests/size_guards.rs` checks that.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping equal items in their order (stable).
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let order = {
        let items = &*items;
        sorted_indices(items.len(), &mut |a, b| compare(&items[a], &items[b]))
    };
    permute(items, order);
}

/// Sorts `items` by the key `key` gives each, stably.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in their natural order, stably.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// The indices `0..len` in the stable order `compare` gives them: a
/// bottom-up merge sort, the only sorting code in the wasm.
fn sorted_indices(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    let mut scratch = vec![0; len];
    let mut width = 1;
    while width < len {
        let mut start = 0;
        while start < len {
            let middle = (start + width).min(len);
            let end = (start + 2 * width).min(len);
            let (mut left, mut right) = (start, middle);
            for slot in &mut scratch[start..end] {
                // Take from the left run on ties: that keeps the sort stable.
                let take_left = right >= end
                    || (left < middle && compare(order[left], order[right]) != Ordering::Greater);
                if take_left {
                    *slot = order[left];
                    left += 1;
                } else {
                    *slot = order[right];
                    right += 1;
                }
            }
            start = end;
        }
        std::mem::swap(&mut order, &mut scratch);
        width *= 2;
    }
    order
}

/// Rearranges `items` so that position `i` holds what was at `order[i]`,
/// following each cycle of the permutation with swaps.
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..items.len() {
        let mut current = start;
        // Each visited position is marked by pointing it at itself.
        while order[current] != start {
            let next = order[current];
            items.swap(current, next);
            order[current] = current;
            current = next;
        }
        order[current] = current;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_like_the_standard_stable_sort(items in proptest::collection::vec((0u8..8, any::<u16>()), 0..300)) {
            let mut ours = items.clone();
            let mut std_sorted = items;
            // Sort by the first field only: equal keys must keep their order.
            sort_by_key(&mut ours, |&(key, _)| key);
            #[allow(clippy::disallowed_methods)]
            std_sorted.sort_by_key(|&(key, _)| key);
            prop_assert_eq!(ours, std_sorted);
        }
    }

    #[test]
    fn sorts_owned_values_without_losing_or_duplicating_any() {
        let mut names: Vec<String> = ["Mikael", "Alva", "Jenny", "Elis", "Alva", "Birgitta"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        sort(&mut names);
        assert_eq!(
            names,
            ["Alva", "Alva", "Birgitta", "Elis", "Jenny", "Mikael"]
        );
        sort_by(&mut names, |a, b| b.len().cmp(&a.len()));
        assert_eq!(
            names,
            ["Birgitta", "Mikael", "Jenny", "Alva", "Alva", "Elis"]
        );
    }
}
