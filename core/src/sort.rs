//! Stable sorting through one shared copy of the standard library's sort.
//!
//! Every `slice::sort_by_key` call site with its own element type or key
//! closure makes the compiler emit a whole driftsort (about 4 KB of wasm
//! each; 28 of them were 120 KB of the widget before optimisation). Here
//! the standard sort runs once, on indices, with a comparison behind `dyn`;
//! the elements are then moved into that order. Same result as
//! `sort_by_key` (stable), at the cost of an index vector.

use std::cmp::Ordering;

#[inline(never)]
fn order_by(len: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Puts `v` in `order` (`v[i]` becomes the old `v[order[i]]`) by swaps.
fn permute<T>(v: &mut [T], order: &[usize]) {
    for i in 0..v.len() {
        // Where the element meant for `i` is now: earlier slots were
        // already filled by swaps, which moved their old element to the
        // slot their index named.
        let mut j = order[i];
        while j < i {
            j = order[j];
        }
        v.swap(i, j);
    }
}

/// Stable sort by a comparison, like `slice::sort_by`.
pub fn by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let order = order_by(v.len(), &mut |a, b| cmp(&v[a], &v[b]));
    permute(v, &order);
}

/// Stable sort by a key, like `slice::sort_by_key`.
pub fn by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    by(v, |a, b| key(a).cmp(&key(b)));
}

/// Stable sort of ordered elements, like `slice::sort`.
pub fn sort<T: Ord>(v: &mut [T]) {
    by(v, T::cmp);
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_same_order_as_the_standard_stable_sort(v in proptest::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            let mut ours = v.clone();
            super::by_key(&mut ours, |&(k, _)| k);
            let mut std = v.clone();
            std.sort_by_key(|&(k, _)| k);
            prop_assert_eq!(ours, std);
            let mut all = v.clone();
            super::sort(&mut all);
            let mut std = v;
            std.sort();
            prop_assert_eq!(all, std);
        }
    }
}
