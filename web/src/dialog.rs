//! What every dialog of the widget does the same way: focus moves into it
//! when it opens, and Esc closes it without reaching the map's shortcuts.

use yew::prelude::*;

/// Closes the dialog on Esc (and keeps the key from the widget's shortcuts).
pub fn close_on_escape(e: &KeyboardEvent, on_close: &Callback<()>) {
    if e.key() == "Escape" {
        e.prevent_default();
        e.stop_propagation();
        on_close.emit(());
    }
}

/// Moves focus to `node` once, when the dialog opens.
#[hook]
pub fn use_focus_on_open(node: &NodeRef) {
    let node = node.clone();
    use_effect_with((), move |_| {
        if let Some(el) = node.cast::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    });
}
