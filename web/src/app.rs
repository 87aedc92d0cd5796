//! The root component: provides the state context and lays out the meeting screen.

use crate::state::{AppContext, AppState};
use skyddsnat_core::{Date, Lang, Plan};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub plan: Plan,
    pub today: Date,
    #[prop_or_default]
    pub lang: Lang,
    #[prop_or_default]
    pub readonly: bool,
}

#[function_component]
pub fn App(props: &AppProps) -> Html {
    let state =
        use_reducer(|| AppState::new(props.plan.clone(), props.today, props.lang, props.readonly));
    html! {
        <ContextProvider<AppContext> context={state.clone()}>
            <div class="skn-app" lang={state.lang.code()}>
                { state.plan.title().to_string() }
            </div>
        </ContextProvider<AppContext>>
    }
}
