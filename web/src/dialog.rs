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

/// A question asked in place before a weighty action ("Remove Jenny?",
/// "Close the meeting?"): a button asks it; its confirm button gets the focus
/// when it opens, so a keyboard user lands on the answer; the cancel button
/// or Esc (on the question's container) takes it back.
pub struct Question {
    pub open: bool,
    /// For the confirm button's `ref`.
    pub confirm: NodeRef,
    pub ask: Callback<MouseEvent>,
    pub cancel: Callback<MouseEvent>,
    /// For the question container's `onkeydown`: Esc cancels.
    pub on_keydown: Callback<KeyboardEvent>,
    /// Closes the question, for the confirm button's action.
    pub close: Callback<()>,
}

#[hook]
pub fn use_question() -> Question {
    let open = use_state(|| false);
    let confirm = use_node_ref();
    {
        let confirm = confirm.clone();
        use_effect_with(*open, move |open| {
            if *open {
                if let Some(el) = confirm.cast::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    }
    let set = |value: bool| {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(value))
    };
    let close = {
        let open = open.clone();
        Callback::from(move |()| open.set(false))
    };
    Question {
        open: *open,
        confirm,
        ask: set(true),
        cancel: set(false),
        on_keydown: {
            let close = close.clone();
            Callback::from(move |e: KeyboardEvent| close_on_escape(&e, &close))
        },
        close,
    }
}
