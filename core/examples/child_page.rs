//! Writes the sample child's words-and-pictures page to stdout (for looking at it).
fn main() {
    let plan = skyddsnat_core::document::sample::sample_plan();
    let alva = plan.children()[0].id;
    let lang = match std::env::args().nth(1).as_deref() {
        Some("en") => skyddsnat_core::Lang::En,
        _ => skyddsnat_core::Lang::Sv,
    };
    if let Some(page) =
        skyddsnat_core::papers::child_pictures::words_and_pictures_html(&plan, alva, lang, false)
    {
        println!("{page}");
    }
}
