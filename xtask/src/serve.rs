//! A tiny std-only static file server for `cargo xtask demo` on machines with
//! no display. Local only (127.0.0.1), GET only, no directory listings, and it
//! sends the same strict CSP the embed build is made for.

use crate::Result;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};

const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

pub fn serve_forever(dir: &Path, first_port: u16) -> Result {
    let listener = (first_port..first_port.saturating_add(20))
        .find_map(|port| TcpListener::bind(("127.0.0.1", port)).ok())
        .ok_or_else(|| {
            format!(
                "no free port in {first_port}..{}",
                first_port.saturating_add(20)
            )
        })?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    println!("\nSkyddsnät demo: http://127.0.0.1:{port}/skyddsnat.html");
    println!("Embed build:    http://127.0.0.1:{port}/embed/skyddsnat.js");
    println!("Press Ctrl-C to stop.");
    for stream in listener.incoming().flatten() {
        // One request per connection, served in turn: enough for one browser.
        if let Err(e) = respond(stream, dir) {
            eprintln!("serve: {e}");
        }
    }
    Ok(())
}

fn respond(mut stream: TcpStream, dir: &Path) -> std::io::Result<()> {
    let mut request_line = String::new();
    BufReader::new(&stream).read_line(&mut request_line)?;
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or_default();
    let target = parts.next().unwrap_or("/");
    let found = if method == "GET" {
        resolve(dir, target)
    } else {
        None
    };
    let (status, body, kind) = match found.and_then(|p| std::fs::read(&p).ok().map(|b| (p, b))) {
        Some((path, body)) => ("200 OK", body, content_type(&path)),
        None => (
            "404 Not Found",
            b"not found".to_vec(),
            "text/plain; charset=utf-8",
        ),
    };
    // The strict CSP is the embed build's promise. The offline file is made
    // for file://, where its inline scripts run; served, it gets none.
    let csp = if target.split(['?', '#']).next().is_some_and(is_offline_file) {
        String::new()
    } else {
        format!("Content-Security-Policy: {CSP}\r\n")
    };
    let header = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n{csp}Cache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(header.as_bytes())?;
    stream.write_all(&body)
}

/// Maps a request path onto a file under `dir`; refuses anything that would
/// climb out of it. `/` is the offline file.
fn resolve(dir: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let path = if path == "/" { "/skyddsnat.html" } else { path };
    let mut resolved = dir.to_path_buf();
    for component in Path::new(path.trim_start_matches('/')).components() {
        match component {
            Component::Normal(part) => resolved.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    resolved.is_file().then_some(resolved)
}

fn is_offline_file(path: &str) -> bool {
    path == "/" || path == "/skyddsnat.html"
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        // No charset: each page says its own (the offline file is
        // windows-1252, the examples UTF-8), and a header would override it.
        Some("html") => "text/html",
        Some("js") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("json") => "application/json",
        Some("css") => "text/css; charset=utf-8",
        Some("ts") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_cannot_climb_out_of_the_served_directory() {
        let dir = std::env::temp_dir().join(format!("xtask-serve-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("embed")).expect("temp dir");
        std::fs::write(dir.join("skyddsnat.html"), "x").expect("write");
        std::fs::write(dir.join("embed/skyddsnat.js"), "x").expect("write");
        assert_eq!(resolve(&dir, "/"), Some(dir.join("skyddsnat.html")));
        assert_eq!(
            resolve(&dir, "/embed/skyddsnat.js?v=1"),
            Some(dir.join("embed/skyddsnat.js"))
        );
        assert_eq!(resolve(&dir, "/../Cargo.toml"), None);
        assert_eq!(resolve(&dir, "/embed/../../etc/passwd"), None);
        assert_eq!(resolve(&dir, "/missing.html"), None);
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn a_request_gets_the_file_with_the_strict_csp_and_its_type() {
        use std::io::Read;
        let dir = std::env::temp_dir().join(format!("xtask-serve-live-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("embed")).expect("temp dir");
        std::fs::write(dir.join("embed/skyddsnat_bg.wasm"), b"\0asm").expect("write");
        let listener = TcpListener::bind(("127.0.0.1", 0)).expect("bind a free port");
        let address = listener.local_addr().expect("address");
        let served = dir.clone();
        let server = std::thread::spawn(move || {
            for _ in 0..2 {
                let (stream, _) = listener.accept().expect("accept");
                respond(stream, &served).expect("respond");
            }
        });
        let get = |path: &str| {
            let mut stream = TcpStream::connect(address).expect("connect");
            write!(stream, "GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").expect("send");
            let mut response = Vec::new();
            stream.read_to_end(&mut response).expect("read");
            String::from_utf8_lossy(&response).into_owned()
        };
        let found = get("/embed/skyddsnat_bg.wasm");
        assert!(found.starts_with("HTTP/1.1 200 OK\r\n"), "{found}");
        assert!(found.contains("Content-Type: application/wasm\r\n"));
        assert!(found.contains(&format!("Content-Security-Policy: {CSP}\r\n")));
        assert!(found.ends_with("\r\n\r\n\0asm"));
        let missing = get("/../../etc/passwd");
        assert!(missing.starts_with("HTTP/1.1 404"), "{missing}");
        server.join().expect("server thread");
        std::fs::remove_dir_all(&dir).ok();
    }
}
