//! Files in and out of the browser: save the plan as JSON, export the map as
//! SVG, print the plan, read an opened file. Nothing leaves the computer
//! except as a file the user saves.

use skyddsnat_core::{file, Date, Plan};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, Element, HtmlAnchorElement, HtmlIFrameElement, Url};

/// Offers `text` as a download named `name`.
pub fn download(name: &str, mime: &str, text: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let bag = BlobPropertyBag::new();
    bag.set_type(mime);
    let Ok(blob) = Blob::new_with_str_sequence_and_options(&parts, &bag) else {
        return;
    };
    let Ok(url) = Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(a) = document
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    // The click has started the download synchronously; the URL is no longer needed.
    let _ = Url::revoke_object_url(&url);
}

/// A file name without personal data: the kind of file and the date.
pub fn file_name(stem: &str, today: Date, ext: &str) -> String {
    format!("skyddsnat-{stem}-{today}.{ext}")
}

/// "Save file…": the plan in the file format.
pub fn save_json(plan: &Plan, today: Date) {
    download(
        &file_name("plan", today, "json"),
        "application/json",
        &file::to_json(plan),
    );
}

/// Prints an HTML document from the core without running any of it: the
/// document goes into a sandboxed, script-less iframe inside `host`, its
/// `<style>` is adopted as a constructed stylesheet (so a strict
/// `style-src 'self'` host page does not block it), and the frame's print
/// dialog opens. The previous print frame, if any, is removed first; the
/// frame itself goes once the dialog has closed (`afterprint`).
pub fn print_html(host: &Element, html: &str) -> Result<(), JsValue> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    if let Ok(Some(old)) = host.query_selector("iframe.skn-print-frame") {
        old.remove();
    }
    let frame: HtmlIFrameElement = document.create_element("iframe")?.dyn_into()?;
    frame.set_class_name("skn-print-frame");
    // Same origin so the page can fill and print it; no allow-scripts, so
    // nothing in the document can run.
    frame.set_attribute("sandbox", "allow-same-origin allow-modals")?;
    frame.set_attribute("aria-hidden", "true")?;
    frame.set_attribute("tabindex", "-1")?;
    host.append_child(&frame)?;
    let doc = frame
        .content_document()
        .ok_or_else(|| JsValue::from_str("print frame has no document"))?;
    let (css, body) = split_style(html);
    let root = doc
        .document_element()
        .ok_or_else(|| JsValue::from_str("print frame has no root"))?;
    root.set_inner_html(&body);
    // Only the `<html>` element's inside is copied: keep its language and
    // direction too (the print may be in another language than the page).
    for name in ["lang", "dir"] {
        if let Some(value) = html_attribute(html, name) {
            root.set_attribute(name, &value)?;
        }
    }
    if !css.is_empty() {
        let win = frame
            .content_window()
            .ok_or_else(|| JsValue::from_str("print frame has no window"))?;
        adopt_style(&win, &doc, &css)?;
    }
    if let Some(win) = frame.content_window() {
        AFTER_PRINT.with(|after| {
            let mut after = after.borrow_mut();
            let remove = after.get_or_insert_with(|| {
                Closure::new(|e: web_sys::Event| {
                    // The frame's window is of the frame's realm (not
                    // `instanceof` this page's Window): read it by name.
                    let frame = e
                        .current_target()
                        .and_then(|w| js_sys::Reflect::get(&w, &"frameElement".into()).ok())
                        .and_then(|f| f.dyn_into::<Element>().ok());
                    if let Some(frame) = frame {
                        frame.remove();
                    }
                })
            });
            let _ =
                win.add_event_listener_with_callback("afterprint", remove.as_ref().unchecked_ref());
        });
        win.print()?;
    }
    Ok(())
}

/// Gives `doc` (of window `win`, another frame or window) the stylesheet
/// `css` as a constructed sheet: a strict `style-src 'self'`, which that
/// document inherits from this page, blocks a `<style>` but not this. The
/// sheet must be built by the document's own window to be adoptable there.
pub fn adopt_style(win: &JsValue, doc: &JsValue, css: &str) -> Result<(), JsValue> {
    let sheet = js_sys::Reflect::get(win, &"CSSStyleSheet".into())
        .ok()
        .and_then(|ctor| ctor.dyn_into::<js_sys::Function>().ok())
        .and_then(|ctor| js_sys::Reflect::construct(&ctor, &js_sys::Array::new()).ok());
    if let Some(sheet) = sheet {
        let replace = js_sys::Reflect::get(&sheet, &"replaceSync".into())?;
        if let Ok(replace) = replace.dyn_into::<js_sys::Function>() {
            replace.call1(&sheet, &JsValue::from_str(css))?;
            js_sys::Reflect::set(
                doc,
                &"adoptedStyleSheets".into(),
                &js_sys::Array::of1(&sheet),
            )?;
        }
    }
    Ok(())
}

/// What a window's event listener made in Rust is.
type Listener = Closure<dyn FnMut(web_sys::Event)>;

thread_local! {
    /// Removes a print frame once its print dialog has closed, so the
    /// printed plan (a whole document: with 2,000 people, twice the nodes of
    /// the screen) is not kept in the page until the next print. One
    /// closure for every frame (it finds its frame from the event), made
    /// once. A browser that never says `afterprint` keeps the frame until
    /// the next print replaces it, as before.
    static AFTER_PRINT: std::cell::RefCell<Option<Listener>> =
        const { std::cell::RefCell::new(None) };
}

/// The value of attribute `name` on a document's `<html …>` start tag (the
/// core writes it plainly: `<html lang="en" dir="ltr">`).
fn html_attribute(html: &str, name: &str) -> Option<String> {
    let start = html.find("<html")?;
    let tag = &html[start..start + html[start..].find('>')?];
    let rest = &tag[tag.find(&format!(" {name}=\""))? + name.len() + 3..];
    Some(rest[..rest.find('"')?].to_string())
}

/// Splits an HTML document into the text of its `<style>` elements and the
/// rest (the `<html>` element's inner HTML without them).
pub fn split_style(html: &str) -> (String, String) {
    let mut css = String::new();
    let mut rest = String::with_capacity(html.len());
    let mut s = html;
    loop {
        let lower = s.to_ascii_lowercase();
        let Some(open) = lower.find("<style") else {
            rest.push_str(s);
            break;
        };
        let Some(open_end) = lower[open..].find('>').map(|i| open + i + 1) else {
            rest.push_str(s);
            break;
        };
        let Some(close) = lower[open_end..].find("</style>").map(|i| open_end + i) else {
            rest.push_str(s);
            break;
        };
        rest.push_str(&s[..open]);
        css.push_str(&s[open_end..close]);
        css.push('\n');
        s = &s[close + "</style>".len()..];
    }
    // Keep what is inside <html>…</html> (head and body), dropping the doctype.
    let lower = rest.to_ascii_lowercase();
    let inner = match (lower.find("<html"), lower.rfind("</html>")) {
        (Some(start), Some(end)) => match lower[start..].find('>') {
            Some(gt) if start + gt < end => rest[start + gt + 1..end].to_string(),
            _ => rest,
        },
        _ => rest,
    };
    (css, inner)
}

/// `window.Skyddsnat.saveCopy`, if this page is the offline file (only it
/// can write a copy of itself; see `web/js/skyddsnat-element.js`).
fn save_copy_function() -> Option<(JsValue, js_sys::Function)> {
    let window = web_sys::window()?;
    window.document()?.get_element_by_id("skyddsnat-wasm")?;
    let api = js_sys::Reflect::get(&window, &"Skyddsnat".into()).ok()?;
    let f = js_sys::Reflect::get(&api, &"saveCopy".into()).ok()?;
    Some((api, f.dyn_into().ok()?))
}

/// Whether "Save a copy with this plan inside" can be offered here.
pub fn can_save_copy() -> bool {
    save_copy_function().is_some()
}

/// Downloads a copy of the offline file that opens with `plan` inside.
pub fn save_copy(plan: &Plan, today: Date) -> Result<(), JsValue> {
    let (api, f) = save_copy_function().ok_or_else(|| JsValue::from_str("not the offline file"))?;
    let value = crate::host::plan_to_js(plan);
    f.call2(
        &api,
        &value,
        &JsValue::from_str(&file_name("plan", today, "html")),
    )?;
    Ok(())
}

/// What became of a file chosen to open.
pub enum Chosen {
    /// Larger than a plan may be: refused unread.
    TooLarge,
    /// Its text, or `None` when the browser could not read it.
    Text(Option<String>),
}

/// Reads the first file of a file input's `change` event as text and hands
/// it to `done` (the read is kept in `reader` while it runs; choosing again
/// replaces it). Both the menu's "Open file…" and the start screen open
/// files this way.
pub fn read_chosen(
    e: &web_sys::Event,
    reader: &std::rc::Rc<std::cell::RefCell<Option<gloo::file::callbacks::FileReader>>>,
    done: impl FnOnce(Chosen) + 'static,
) {
    use wasm_bindgen::JsCast;
    let Some(file) = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .and_then(|i| i.files())
        .and_then(|f| f.get(0))
    else {
        return;
    };
    if file.size() > skyddsnat_core::file::limits::MAX_BYTES as f64 {
        done(Chosen::TooLarge);
        return;
    }
    let done = std::cell::RefCell::new(Some(done));
    let task = gloo::file::callbacks::read_as_text(&gloo::file::File::from(file), move |r| {
        if let Some(done) = done.borrow_mut().take() {
            done(Chosen::Text(r.ok()));
        }
    });
    *reader.borrow_mut() = Some(task);
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn styles_are_lifted_out_of_a_printed_document() {
        let (css, body) = split_style(
            "<!doctype html><html lang=\"sv\"><head><STYLE>p{color:red}</STYLE><title>x</title></head><body><p>Hej</p></body></html>",
        );
        assert_eq!(css.trim(), "p{color:red}");
        assert_eq!(body, "<head><title>x</title></head><body><p>Hej</p></body>");
    }
}
