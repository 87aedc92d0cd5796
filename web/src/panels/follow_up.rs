//! Not built yet: renders nothing until its editor lands.

use yew::prelude::*;

#[function_component]
pub fn FollowUpPanel() -> Html {
    Html::default()
}
